using CqpJury.Domain.Juries;

namespace CqpJury.App.Services.Members;

/// <summary>A new invitation: the token is shown once (in the link) and never stored.</summary>
public sealed record InvitationLink(string Token, DateTimeOffset ExpiresAt, int ValidityHours)
{
    /// <summary>The link to give the member, under the app's base address (ending with '/').</summary>
    public string Url(string baseUri)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        return $"{baseUri.TrimEnd('/')}/invitation/{Token}";
    }

    public string Instructions =>
        $"Transmettez ce lien au membre : il est valable {ValidityHours} heures et ne peut servir qu'une fois.";
}

/// <summary>What the invitation page shows before the member sets a password.</summary>
public sealed record InvitationPreview(string FullName, Seat Seat, string Email, bool HasAccount)
{
    public string SeatText => Seat.ToFrench();
}

/// <summary>The password the invited member chooses, typed twice.</summary>
public sealed class AcceptInvitationInput
{
    public string Password { get; set; } = string.Empty;

    public string ConfirmPassword { get; set; } = string.Empty;
}

using System.Net.Mail;

namespace CqpJury.App.Services.Members;

/// <summary>What the app accepts as an e-mail address: one mailbox, no display name, a dotted domain.</summary>
public static class EmailAddressRule
{
    public const int MaxLength = 200;
    public const string InvalidMessage = "Cette adresse électronique n'est pas valide.";

    public static bool IsValid(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (email.Length > MaxLength || email.Any(char.IsWhiteSpace) || !MailAddress.TryCreate(email, out var address))
        {
            return false;
        }

        return address.Address == email && address.Host.Contains('.', StringComparison.Ordinal) && !address.Host.EndsWith('.');
    }
}

namespace CqpJury.App.Services;

/// <summary>An ordinary refusal whose French <see cref="Exception.Message"/> is shown to the user as is.</summary>
public class UserFacingException : Exception
{
    public UserFacingException()
        : this("Action impossible.")
    {
    }

    public UserFacingException(string message)
        : base(message)
    {
    }

    public UserFacingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Refused by authorization (logged by whoever throws it).</summary>
public sealed class AccessDeniedException : UserFacingException
{
    public AccessDeniedException()
        : this("Accès refusé.")
    {
    }

    public AccessDeniedException(string message)
        : base(message)
    {
    }

    public AccessDeniedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>One invalid field: where (a form field name or a JSON path) and why (French).</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>Input refused with every problem listed; nothing was changed.</summary>
public sealed class InputValidationException : UserFacingException
{
    public InputValidationException(IReadOnlyList<FieldError> errors)
        : base(errors is { Count: > 0 } ? string.Join(" ", errors.Select(e => e.Message)) : "Saisie invalide.")
    {
        Errors = errors ?? [];
    }

    public InputValidationException(string field, string message)
        : this([new FieldError(field, message)])
    {
    }

    public InputValidationException()
        : this([])
    {
    }

    public InputValidationException(string message)
        : this("", message)
    {
    }

    public InputValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new FieldError("", message)];
    }

    public IReadOnlyList<FieldError> Errors { get; }
}

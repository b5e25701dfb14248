using Facturo.Accounts;

namespace Facturo.Platform;

/// <summary>
/// Something a user caused and can fix: a stable code, the HTTP status it maps to, and the values
/// its message needs. The message itself is looked up in the reader's language.
/// </summary>
public sealed record UserError(string Code, int Status, params object[] Arguments)
{
    public string Message(Language language) => UserMessages.Format(Code, language, Arguments);

    public static UserError Validation(string code, params object[] arguments) => new(code, StatusCodes.Status422UnprocessableEntity, arguments);
    public static UserError NotFound(string code, params object[] arguments) => new(code, StatusCodes.Status404NotFound, arguments);
    public static UserError Conflict(string code, params object[] arguments) => new(code, StatusCodes.Status409Conflict, arguments);
    public static UserError Forbidden(string code, params object[] arguments) => new(code, StatusCodes.Status403Forbidden, arguments);
}

/// <summary>Either a value or the user error that prevented it.</summary>
public readonly record struct Outcome<T>
{
    public T? Value { get; }
    public UserError? Error { get; }
    public bool Succeeded => Error is null;

    private Outcome(T? value, UserError? error)
    {
        Value = value;
        Error = error;
    }

    public static implicit operator Outcome<T>(T value) => new(value, null);
    public static implicit operator Outcome<T>(UserError error) => new(default, error);
}

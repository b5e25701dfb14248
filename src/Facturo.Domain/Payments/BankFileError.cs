namespace Facturo.Payments;

/// <summary>Where an imported bank file is wrong: the line (1-based), the field, and what is wrong with it.</summary>
public sealed record BankFileError(int Line, string Field, string Problem)
{
    public override string ToString() => $"line {Line}, {Field}: {Problem}";
}

/// <summary>A whole file read, or the first error in it; a file with an error imports nothing.</summary>
public sealed record BankFileRead<T>(T? Value, BankFileError? Error)
{
    public bool Succeeded => Error is null;

    public static implicit operator BankFileRead<T>(T value) => new(value, null);
    public static implicit operator BankFileRead<T>(BankFileError error) => new(default, error);
}

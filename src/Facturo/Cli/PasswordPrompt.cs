using System.Text;

namespace Facturo.Cli;

/// <summary>A password typed on a terminal that does not show it, twice so a typing mistake is not saved.</summary>
internal static class PasswordPrompt
{
    /// <summary>Null when the two differ.</summary>
    public static string? TypedTwice(string? whose)
    {
        Console.Write($"Password for {whose} (12 characters or more, not shown): ");
        var first = Hidden();
        Console.Write("The same password again: ");
        return first == Hidden() ? first : null;
    }

    private static string Hidden()
    {
        var typed = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }
        Console.WriteLine();
        return typed.ToString();
    }
}

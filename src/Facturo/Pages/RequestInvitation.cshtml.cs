using System.Globalization;
using Facturo.Accounts;
using Facturo.Portal;
using Microsoft.AspNetCore.Mvc;

namespace Facturo.Pages;

public sealed class RequestInvitationModel(Invitations invitations) : PortalPage
{
    [BindProperty] public string CustomerNumber { get; set; } = "";
    [BindProperty] public string InvoiceNumber { get; set; } = "";
    [BindProperty] public string InvoiceTotal { get; set; } = "";
    [BindProperty] public string Email { get; set; } = "";

    public string? Notice { get; private set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!TryParseAmount(InvoiceTotal, out var total))
        {
            Error = T("Le montant total doit être un nombre, par exemple 114,98.", "The total amount must be a number, for example 114.98.");
            return Page();
        }
        var requested = await invitations.RequestAsync(CustomerNumber, InvoiceNumber, total, Email, Language, cancellationToken);
        if (!requested.Succeeded)
        {
            Error = Message(requested.Error!);
            return Page();
        }
        Notice = T($"Une invitation a été envoyée à {requested.Value!.Email}.", $"An invitation was sent to {requested.Value!.Email}.");
        return Page();
    }

    /// <summary>"1 234,56", "1234.56" and "$1,234.56" all mean the same total; the last separator with two digits after it is the decimal one.</summary>
    private static bool TryParseAmount(string text, out decimal amount)
    {
        var digits = new string(text.Where(c => char.IsDigit(c) || c is ',' or '.').ToArray());
        var separator = digits.Length > 3 && digits[^3] is ',' or '.' ? digits[^3] : (char?)null;
        var normalised = separator is null
            ? digits.Replace(",", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal)
            : digits[..^3].Replace(",", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal) + "." + digits[^2..];
        return decimal.TryParse(normalised, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount) && amount > 0;
    }
}

using Facturo.Payments;
using Facturo.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Facturo.Pages.Admin;

/// <summary>Money received by EFT, wire or cheque that is not applied to an invoice yet: apply it.</summary>
[Authorize(Policy = StaffAuth.BillingOperatorPolicy)]
public sealed class UnappliedModel(Operations operations) : Portal.PortalPage
{
    public IReadOnlyList<Receipt> Receipts { get; private set; } = [];
    public string? Notice { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Receipts = await operations.UnappliedAsync(cancellationToken);

    public async Task OnPostAsync(long receiptId, string invoice, string amount, CancellationToken cancellationToken)
    {
        if (!TryParseAmount(amount ?? "", out var dollars) || decimal.Round(dollars, 2) != dollars)
        {
            Error = T("Le montant doit être en dollars et cents, plus grand que zéro.", "The amount must be in dollars and cents, more than zero.");
        }
        else
        {
            var applied = await operations.ApplyAsync(receiptId, invoice ?? "", (long)(dollars * 100), cancellationToken);
            (Notice, Error) = applied.Succeeded
                ? (T($"Appliqué à {invoice}.", $"Applied to {invoice}."), null)
                : ((string?)null, Message(applied.Error!));
        }
        Receipts = await operations.UnappliedAsync(cancellationToken);
    }
}

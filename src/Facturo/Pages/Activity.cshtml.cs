using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Data;
using Facturo.Ledger;
using Facturo.Platform;
using Facturo.Portal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Pages;

public sealed record StatementRow(string Number, string Period, DateOnly IssueDate, Money Total, int Orders);

/// <summary>Account activity: invoices, credit notes, payments and orders paid at creation, year by year; and a small business's statements of charges.</summary>
[Authorize]
public sealed class ActivityModel(PortalAccess access, FacturoDbContext db, BillerClock clock) : PortalPage
{
    [BindProperty(SupportsGet = true)] public string? Account { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public IReadOnlyList<CustomerAccount> Accounts { get; private set; } = [];
    public CustomerAccount? Current { get; private set; }
    public ActivityYear? Activity { get; private set; }
    public IReadOnlyDictionary<string, string> CorrectedInvoiceByCreditNote { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyList<StatementRow> Statements { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var choice = await access.ChooseAccountAsync(User, Account, cancellationToken);
        (Accounts, Current) = (choice.Accounts, choice.Current);
        if (Current is null)
        {
            return choice.Refused ? NotFound() : Page();
        }
        var year = Year is >= 2000 and <= 2100 ? Year.Value : clock.Today.Year;
        Activity = await AccountActivity.ForYearAsync(db, Current.Id, Current.Currency, year, cancellationToken);
        var notes = await db.CreditNotes.AsNoTracking().Where(n => n.AccountId == Current.Id).Select(n => new { n.Id, n.InvoiceId }).ToListAsync(cancellationToken);
        CorrectedInvoiceByCreditNote = notes.ToDictionary(n => CreditNote.FormatNumber(n.Id), n => Invoice.FormatNumber(n.InvoiceId));
        var statements = await db.Statements.AsNoTracking().Where(s => s.AccountId == Current.Id)
            .OrderByDescending(s => s.Period)
            .Select(s => new { s.Id, s.Period, s.IssueDate, s.TotalCents, s.CurrencyCode, Orders = s.Lines.Count })
            .ToListAsync(cancellationToken);
        Statements = statements.Select(s => new StatementRow(Statement.FormatNumber(s.Id), s.Period, s.IssueDate, new Money(s.TotalCents, Currency.Parse(s.CurrencyCode)), s.Orders)).ToList();
        return Page();
    }

    public string Describe(ActivityLine line) => line.Kind switch
    {
        PostingKind.Invoice => T($"Facture {line.Reference}", $"Invoice {line.Reference}"),
        PostingKind.CreditNote => CorrectedInvoiceByCreditNote.TryGetValue(line.Reference, out var invoice)
            ? T($"Note de crédit {line.Reference} (facture {invoice})", $"Credit note {line.Reference} (invoice {invoice})")
            : T($"Note de crédit {line.Reference}", $"Credit note {line.Reference}"),
        PostingKind.Fee => T($"Frais {line.Reference}", $"Fee {line.Reference}"),
        PostingKind.OrderPaidAtCreation => T($"Commande {line.Reference} payée à la création", $"Order {line.Reference} paid when placed"),
        PostingKind.Payment => T($"Paiement {line.Reference}", $"Payment {line.Reference}"),
        PostingKind.PaymentReturn => T($"Paiement retourné {line.Reference}", $"Returned payment {line.Reference}"),
        PostingKind.Receipt or PostingKind.ReceiptApplication => T($"Paiement reçu {line.Reference}", $"Payment received {line.Reference}"),
        _ => line.Reference,
    };
}

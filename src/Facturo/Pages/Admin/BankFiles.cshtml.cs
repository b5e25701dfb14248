using Facturo.Data;
using Facturo.Payments;
using Facturo.Platform;
using Facturo.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Facturo.Pages.Admin;

/// <summary>
/// The billing operator's bank desk: debit files made (download any again, byte for byte), make today's now,
/// import a return file or a remittance file and see what each import did. With SFTP to the bank configured: when the
/// exchange last worked, its last error, the files waiting to be sent, and a button to exchange now.
/// </summary>
[Authorize(Policy = StaffAuth.BillingOperatorPolicy)]
public sealed class BankFilesModel(FacturoDbContext db, DebitBatches batches, BankFileContents contents, PaymentReturns returns, Receipts receipts, StaffAudit audit, IOptions<BankFileOptions> options,
    ExchangeWithBank exchange, BillerClock clock) : Portal.PortalPage
{
    /// <summary>A day's return or remittance file is far smaller; anything bigger is not one.</summary>
    private const long MaxUpload = 50 * 1024 * 1024;

    public IReadOnlyList<DebitBatch> Batches { get; private set; } = [];
    public IReadOnlyList<BankFileImport> Imports { get; private set; } = [];
    public BankExchangeStatus Connection { get; private set; } = new(false, null, null, null, [], []);
    public string? Notice { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnGetDownloadAsync(long id, CancellationToken cancellationToken)
    {
        var batch = await db.DebitBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (batch is null)
        {
            return NotFound();
        }
        await audit.RecordAsync("bank-file.download", $"bank file {batch.FileName}", null, null, cancellationToken);
        return File(await contents.RevealAsync(batch, cancellationToken), "text/plain", batch.FileName);
    }

    public async Task OnPostSendAsync(CancellationToken cancellationToken)
    {
        var outcome = await batches.SendAsync(options.Value.OutboxDirectory, null, cancellationToken);
        if (!outcome.Succeeded)
        {
            Error = Message(outcome.Error!);
            await LoadAsync(cancellationToken);
            return;
        }
        var sent = outcome.Value!;
        await audit.RecordAsync("bank-file.send", "debit batch", null, new { Files = sent.Select(s => s.Batch.FileName).ToList() }, cancellationToken);
        Notice = sent.Count == 0
            ? T("Aucun débit soumis à envoyer.", "No submitted debits to send.")
            : T($"{sent.Count} fichier(s) écrit(s) pour la banque : {string.Join(", ", sent.Select(s => s.Batch.FileName))}.", $"{sent.Count} file(s) written for the bank: {string.Join(", ", sent.Select(s => s.Batch.FileName))}.");
        await LoadAsync(cancellationToken);
    }

    /// <summary>Sends what waits and fetches what came now, without waiting for the schedule or its retry delay.</summary>
    public async Task OnPostExchangeAsync(CancellationToken cancellationToken)
    {
        var outcome = await exchange.RunAsync(User.Identity?.Name ?? "staff", cancellationToken);
        (Notice, Error) = outcome.Succeeded
            ? (T($"Échange avec la banque terminé : {outcome.Value!.Attempt!.Uploaded} fichier(s) envoyé(s), {outcome.Value.Attempt.Fetched} reçu(s).",
                $"Exchange with the bank done: {outcome.Value!.Attempt!.Uploaded} file(s) sent, {outcome.Value.Attempt.Fetched} received."), null)
            : ((string?)null, Message(outcome.Error!));
        await audit.RecordAsync("bank-file.exchange", "bank SFTP", null,
            new { outcome.Succeeded, outcome.Value?.Attempt?.Uploaded, outcome.Value?.Attempt?.Fetched, Error = outcome.Error?.Code }, cancellationToken);
        await LoadAsync(cancellationToken);
    }

    /// <summary>A moment on the biller's wall clock, as operators compare it with the bank's.</summary>
    public string When(DateTimeOffset instant) => clock.Local(instant).ToString("yyyy-MM-dd HH:mm", Culture);

    public string? Message(string? code, string? arguments) => StoredUserError.Unpack(code, arguments) is { } error ? Message(error) : null;

    public async Task OnPostImportAsync(IFormFile? file, string kind, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0 || file.Length > MaxUpload)
        {
            Error = T("Choisissez le fichier de la banque (50 Mo au plus).", "Choose the bank's file (50 MB at most).");
            await LoadAsync(cancellationToken);
            return;
        }
        using var reader = new StreamReader(file.OpenReadStream());
        var content = await reader.ReadToEndAsync(cancellationToken);
        var name = Path.GetFileName(file.FileName);
        var action = $"bank-file.import-{(kind == "remittance" ? "remittance" : "returns")}";
        var subject = $"bank file {name}";
        // An import and its audit entry commit together; a refused file changes nothing, and its refusal is audited on its own.
        var imported = await db.InTransactionAsync(async () =>
        {
            var outcome = kind == "remittance" ? await ImportRemittanceAsync(name, content, cancellationToken) : await ImportReturnsAsync(name, content, cancellationToken);
            if (outcome.Succeeded)
            {
                await audit.RecordAsync(action, subject, null, new { Imported = true, Error = (string?)null }, cancellationToken);
            }
            return outcome;
        }, cancellationToken);
        (Notice, Error) = imported.Succeeded ? (imported.Value, null) : ((string?)null, Message(imported.Error!));
        if (!imported.Succeeded)
        {
            await audit.RecordAsync(action, subject, null, new { Imported = false, Error }, cancellationToken);
        }
        await LoadAsync(cancellationToken);
    }

    private async Task<Outcome<string>> ImportRemittanceAsync(string name, string content, CancellationToken cancellationToken)
    {
        var imported = await receipts.ImportAsync(name, content, cancellationToken);
        return imported.Succeeded
            ? T($"{imported.Value!.Receipts.Count} paiement(s) reçu(s) enregistré(s), {imported.Value.AlreadyRecorded} déjà connu(s).", $"{imported.Value!.Receipts.Count} payment(s) received recorded, {imported.Value.AlreadyRecorded} already known.")
            : imported.Error!;
    }

    private async Task<Outcome<string>> ImportReturnsAsync(string name, string content, CancellationToken cancellationToken)
    {
        var imported = await returns.ImportAsync(name, content, cancellationToken);
        return imported.Succeeded ? T($"{imported.Value!.Items} débit(s) retourné(s) importé(s).", $"{imported.Value!.Items} returned debit(s) imported.") : imported.Error!;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Batches = await db.DebitBatches.AsNoTracking().OrderByDescending(b => b.Id).Take(60)
            .Select(b => new DebitBatch { Id = b.Id, Format = b.Format, Sequence = b.Sequence, CreatedAt = b.CreatedAt, DebitCount = b.DebitCount, TotalCents = b.TotalCents, CurrencyCode = b.CurrencyCode, FileName = b.FileName, Content = "", ExportedAt = b.ExportedAt })
            .ToListAsync(cancellationToken);
        Connection = await exchange.StatusAsync(cancellationToken);
        Imports = await db.BankFileImports.AsNoTracking().OrderByDescending(i => i.Id).Take(60).ToListAsync(cancellationToken);
    }
}

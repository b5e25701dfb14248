using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Data;
using Facturo.Emails;
using Facturo.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;

namespace Facturo.Staff;

/// <summary>A change of billing program, kept forever: when, why, by whom, and the credit terms it set.</summary>
public sealed class ProgramChange
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public BillingProgram From { get; set; }
    public BillingProgram To { get; set; }
    public int CreditTermsDays { get; set; }
    /// <summary>The day the agreement ended (to small business) or the upgrade was granted (to commercial).</summary>
    public DateOnly AgreementDate { get; set; }
    public required string Reason { get; set; }
    public long StaffId { get; set; }
    public DateTimeOffset At { get; set; }
}

public enum SalesLeadStatus { Open, Contacted, Upgraded, Declined }

/// <summary>A small business whose last 12 months of shipping and direct mail meet the commercial criteria: a sale to make, once.</summary>
public sealed class SalesLead
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public long RevenueCents { get; set; }
    public long Pieces { get; set; }
    public long? AssignedStaffId { get; set; }
    public SalesLeadStatus Status { get; set; }
    public string? Notes { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}

/// <summary>The biller's commercial criteria and when the job compares accounts with them.</summary>
public sealed class SalesLeadOptions
{
    public const string Section = "SalesLeads";

    /// <summary>Shipping and direct-mail revenue over the last 12 months, in dollars, that qualifies an account.</summary>
    public decimal MinimumRevenue { get; set; } = 5_000m;
    /// <summary>Or this many pieces (parcels and mail pieces) over the last 12 months.</summary>
    public long MinimumPieces { get; set; } = 10_000;
    /// <summary>Quartz cron, Toronto time; empty turns the job off.</summary>
    public string Schedule { get; set; } = "0 0 6 * * ?";
}

public sealed record Volume(long RevenueCents, long Pieces);

/// <summary>
/// Program changes (commercial ⇄ small business) and the sales leads that propose them. Each change is
/// audited and the customer is told what changes for them.
/// </summary>
public sealed class Programs(FacturoDbContext db, StaffAudit audit, EmailOutbox outbox, IOptions<SalesLeadOptions> options, BillerClock clock, Events.EventLog events)
{
    public static readonly int[] AllowedTerms = [0, 15, 30, 45, 60];

    /// <summary>
    /// The agreement ended: on-account billing stops now (the next on-account order is refused), orders are
    /// paid when placed, and a monthly statement replaces invoices; invoices already issued stay payable and
    /// charges already made are still invoiced.
    /// </summary>
    public async Task<Outcome<CustomerAccount>> ToSmallBusinessAsync(string customerNumber, DateOnly agreementEnded, string reason, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.CustomerNumber == customerNumber, cancellationToken);
        if (account is null)
        {
            return UserError.NotFound("account.not-found", customerNumber);
        }
        if (account.Program == BillingProgram.SmallBusiness)
        {
            return UserError.Conflict("programs.already", customerNumber);
        }
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500 || agreementEnded > clock.Today)
        {
            return UserError.Validation("programs.reason-and-date");
        }
        return await db.InTransactionAsync<CustomerAccount>(async () =>
        {
            await ChangeAsync(account, BillingProgram.SmallBusiness, account.CreditTermsDays, agreementEnded, reason, cancellationToken);
            var biller = await db.BillerSettings.AsNoTracking().SingleAsync(cancellationToken);
            await TellAsync(account, "program-small-business",
                ("Votre compte passe au programme petite entreprise", "Your account moves to the small business program"),
                ($"Votre entente commerciale a pris fin le {Cultures.LongDate(agreementEnded, Language.Fr)}. À partir de maintenant, le compte {account.CustomerNumber} :\n- ne peut plus être facturé sur compte : chaque commande se paie au moment de la passer (carte de crédit ou compte fournisseur) ;\n- reçoit chaque mois un relevé des frais au lieu d'une facture, dans le portail (Activité) ;\n- garde ses factures déjà émises, qui restent payables comme avant.\nQuestions : {biller.SupportPhone} ou {biller.SupportEmail}.",
                 $"Your commercial agreement ended on {Cultures.LongDate(agreementEnded, Language.En)}. From now on, account {account.CustomerNumber}:\n- can no longer be billed on account: each order is paid when placed (credit card or supplier account);\n- receives a monthly statement of charges instead of an invoice, in the portal (Activity);\n- keeps its invoices already issued, which stay payable as before.\nQuestions: {biller.SupportPhone} or {biller.SupportEmail}."),
                cancellationToken);
            return account;
        }, cancellationToken);
    }

    /// <summary>Commercial again (or for the first time): on-account billing with the credit terms granted; paying at order stays possible.</summary>
    public async Task<Outcome<CustomerAccount>> ToCommercialAsync(string customerNumber, int creditTermsDays, string reason, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.CustomerNumber == customerNumber, cancellationToken);
        if (account is null)
        {
            return UserError.NotFound("account.not-found", customerNumber);
        }
        if (account.Program == BillingProgram.Commercial)
        {
            return UserError.Conflict("programs.already", customerNumber);
        }
        if (!AllowedTerms.Contains(creditTermsDays) || string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500)
        {
            return UserError.Validation("programs.terms", string.Join(", ", AllowedTerms));
        }
        return await db.InTransactionAsync<CustomerAccount>(async () =>
        {
            await ChangeAsync(account, BillingProgram.Commercial, creditTermsDays, clock.Today, reason, cancellationToken);
            await TellAsync(account, "program-commercial",
                ("Votre compte passe au programme commercial", "Your account moves to the commercial program"),
                ($"Bonne nouvelle : le compte {account.CustomerNumber} est maintenant commercial. Vos commandes peuvent être facturées sur compte et réglées sur facture mensuelle, payable {(creditTermsDays == 0 ? "sur réception" : $"dans les {creditTermsDays} jours")}. Vous pouvez toujours payer une commande au moment de la passer.",
                 $"Good news: account {account.CustomerNumber} is now commercial. Your orders can be billed on account and paid on a monthly invoice, due {(creditTermsDays == 0 ? "on receipt" : $"in {creditTermsDays} days")}. You can still pay an order when you place it."),
                cancellationToken);
            if (await db.SalesLeads.SingleOrDefaultAsync(l => l.AccountId == account.Id && l.Status != SalesLeadStatus.Upgraded && l.Status != SalesLeadStatus.Declined, cancellationToken) is { } lead)
            {
                (lead.Status, lead.DecidedAt) = (SalesLeadStatus.Upgraded, clock.UtcNow);
                lead.Notes = Append(lead.Notes, $"Upgraded, net {creditTermsDays}: {reason.Trim()}");
                await db.SaveChangesAsync(cancellationToken);
            }
            return account;
        }, cancellationToken);
    }

    /// <summary>
    /// A sales representative's upgrade acts on an open lead and on that lead's account only: the Sales role may
    /// grant credit terms to the small businesses the criteria job found, not to any account it can name.
    /// </summary>
    public async Task<Outcome<CustomerAccount>> UpgradeLeadAsync(long leadId, int creditTermsDays, string reason, CancellationToken cancellationToken)
    {
        var customerNumber = await db.SalesLeads.AsNoTracking()
            .Where(l => l.Id == leadId && (l.Status == SalesLeadStatus.Open || l.Status == SalesLeadStatus.Contacted))
            .Join(db.Accounts, l => l.AccountId, a => a.Id, (l, a) => a.CustomerNumber)
            .SingleOrDefaultAsync(cancellationToken);
        return customerNumber is null
            ? UserError.NotFound("programs.lead-not-found")
            : await ToCommercialAsync(customerNumber, creditTermsDays, reason, cancellationToken);
    }

    /// <summary>Shipping and direct mail over the 12 months before today: orders paid when placed and on-account charges.</summary>
    public async Task<Dictionary<long, Volume>> VolumesAsync(IReadOnlyCollection<long> accountIds, CancellationToken cancellationToken)
    {
        var since = clock.Today.AddYears(-1);
        var counted = new[] { ChargeCategory.Shipping, ChargeCategory.DirectMail };
        var lines = await db.OrderLines.AsNoTracking()
            .Join(db.Orders, l => l.OrderId, o => o.Id, (l, o) => new { o.AccountId, o.OrderDate, l.Category, l.AmountCents, l.Quantity })
            .Where(x => accountIds.Contains(x.AccountId) && x.OrderDate > since && counted.Contains(x.Category))
            .ToListAsync(cancellationToken);
        return lines.GroupBy(l => l.AccountId)
            .ToDictionary(g => g.Key, g => new Volume(g.Sum(l => l.AmountCents), (long)g.Sum(l => l.Quantity)));
    }

    /// <summary>
    /// Opens a lead for each active small business that meets the criteria and never had one, assigned to
    /// the sales representative with the fewest open leads, who is emailed. Safe to run any number of times.
    /// </summary>
    public async Task<IReadOnlyList<SalesLead>> OpenLeadsAsync(CancellationToken cancellationToken)
    {
        var candidates = await db.Accounts.AsNoTracking()
            .Where(a => a.Program == BillingProgram.SmallBusiness && a.Status == AccountStatus.Active && !db.SalesLeads.Any(l => l.AccountId == a.Id))
            .ToListAsync(cancellationToken);
        var volumes = await VolumesAsync(candidates.Select(a => a.Id).ToList(), cancellationToken);
        var minimumCents = (long)(options.Value.MinimumRevenue * 100m);
        var qualifying = candidates.Where(a => volumes.TryGetValue(a.Id, out var v) && (v.RevenueCents >= minimumCents || v.Pieces >= options.Value.MinimumPieces)).ToList();
        var reps = await db.StaffMembers.AsNoTracking().Where(s => s.Role == StaffRole.Sales && s.DisabledAt == null).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var open = await db.SalesLeads.Where(l => l.AssignedStaffId != null && (l.Status == SalesLeadStatus.Open || l.Status == SalesLeadStatus.Contacted))
            .GroupBy(l => l.AssignedStaffId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var load = reps.ToDictionary(r => r.Id, r => open.GetValueOrDefault(r.Id));
        var opened = new List<SalesLead>();
        foreach (var account in qualifying)
        {
            var rep = reps.OrderBy(r => load[r.Id]).ThenBy(r => r.Id).FirstOrDefault();
            var volume = volumes[account.Id];
            var lead = new SalesLead { AccountId = account.Id, OpenedAt = clock.UtcNow, RevenueCents = volume.RevenueCents, Pieces = volume.Pieces, AssignedStaffId = rep?.Id, Status = SalesLeadStatus.Open };
            db.SalesLeads.Add(lead);
            try
            {
                // The lead and its event in one transaction; the lead's id names it in the event.
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await events.RecordAsync(Events.EventTypes.LeadOpened, account.CustomerNumber, $"L{lead.Id}",
                    new Events.LeadOpenedData(lead.Id, account.CustomerNumber, account.CurrencyCode, new Api.ApiAmount(volume.RevenueCents), volume.Pieces), cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another run opened this account's lead a moment ago: once is the rule.
                db.ChangeTracker.Clear();
                continue;
            }
            opened.Add(lead);
            if (rep is not null)
            {
                load[rep.Id]++;
                var revenue = new Money(volume.RevenueCents, account.Currency).Format(Cultures.For(Language.En));
                await outbox.QueueAsync("sales-lead", rep.Email, Language.En, $"New sales lead: {account.CustomerNumber} {account.LegalName}",
                    $"Hello {rep.FullName},\n\nAccount {account.CustomerNumber} ({account.LegalName}, {account.City}) meets the commercial criteria: {revenue} and {volume.Pieces:N0} pieces of shipping and direct mail over the last 12 months. It is a small business today.\n\nContact: {account.BillingEmail}. Work the lead in the back office: /admin/leads",
                    cancellationToken, dedupKey: $"sales-lead:{lead.Id}");
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        return opened;
    }

    public async Task<Outcome<SalesLead>> RecordContactAsync(long leadId, string note, bool declined, CancellationToken cancellationToken)
    {
        var lead = await db.SalesLeads.SingleOrDefaultAsync(l => l.Id == leadId && (l.Status == SalesLeadStatus.Open || l.Status == SalesLeadStatus.Contacted), cancellationToken);
        if (lead is null)
        {
            return UserError.NotFound("programs.lead-not-found");
        }
        if (string.IsNullOrWhiteSpace(note) || note.Trim().Length > 1000)
        {
            return UserError.Validation("admin.resolution");
        }
        var before = lead.Status;
        lead.Status = declined ? SalesLeadStatus.Declined : SalesLeadStatus.Contacted;
        lead.DecidedAt = declined ? clock.UtcNow : null;
        lead.Notes = Append(lead.Notes, note.Trim());
        return await db.InTransactionAsync<SalesLead>(async () =>
        {
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync("lead.contact", $"lead {lead.Id}", new { Status = before.ToString() }, new { Status = lead.Status.ToString(), Note = note.Trim() }, cancellationToken);
            return lead;
        }, cancellationToken);
    }

    private async Task ChangeAsync(CustomerAccount account, BillingProgram to, int creditTermsDays, DateOnly agreementDate, string reason, CancellationToken cancellationToken)
    {
        var before = new { Program = account.Program.ToString(), CreditTermsDays = account.CreditTermsDays };
        db.ProgramChanges.Add(new ProgramChange
        {
            AccountId = account.Id, From = account.Program, To = to, CreditTermsDays = creditTermsDays, AgreementDate = agreementDate,
            Reason = reason.Trim(), StaffId = audit.CurrentStaffId, At = clock.UtcNow,
        });
        var from = account.Program;
        (account.Program, account.CreditTermsDays) = (to, creditTermsDays);
        await events.RecordAsync(Events.EventTypes.AccountProgramChanged, account.CustomerNumber, account.CustomerNumber,
            new Events.ProgramChangedData(account.CustomerNumber, from.ToString(), to.ToString(), creditTermsDays, agreementDate), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync($"account.program-{to.ToString().ToLowerInvariant()}", CustomerRelations.Subject(account), before,
            new { Program = to.ToString(), CreditTermsDays = creditTermsDays, AgreementDate = agreementDate, Reason = reason.Trim() }, cancellationToken);
    }

    private async Task TellAsync(CustomerAccount account, string kind, (string Fr, string En) subject, (string Fr, string En) body, CancellationToken cancellationToken)
    {
        var french = account.Language == Language.Fr;
        await outbox.QueueAsync(kind, account.BillingEmail, account.Language, french ? subject.Fr : subject.En, french ? body.Fr : body.En, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Append(string? notes, string note) => string.IsNullOrEmpty(notes) ? note : $"{notes}\n{note}";
}

internal sealed class ProgramChangeConfiguration : IEntityTypeConfiguration<ProgramChange>
{
    public void Configure(EntityTypeBuilder<ProgramChange> change)
    {
        change.Property(c => c.From).HasConversion<string>().HasMaxLength(16);
        change.Property(c => c.To).HasConversion<string>().HasMaxLength(16);
        change.Property(c => c.Reason).HasMaxLength(500);
        change.HasIndex(c => c.AccountId);
        change.HasOne<CustomerAccount>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SalesLeadConfiguration : IEntityTypeConfiguration<SalesLead>
{
    public void Configure(EntityTypeBuilder<SalesLead> lead)
    {
        lead.Property(l => l.Status).HasConversion<string>().HasMaxLength(16);
        lead.HasIndex(l => l.AccountId).IsUnique();
        lead.HasOne<CustomerAccount>().WithMany().HasForeignKey(l => l.AccountId).OnDelete(DeleteBehavior.Restrict);
        lead.HasOne<StaffMember>().WithMany().HasForeignKey(l => l.AssignedStaffId).OnDelete(DeleteBehavior.Restrict);
    }
}

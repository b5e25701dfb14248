using Facturo.Api;
using System.Security.Claims;
using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Data;
using Facturo.Emails;
using Facturo.Infrastructure;
using Facturo.Payments;
using Facturo.Platform;
using Facturo.Portal;
using Facturo.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Admin;

/// <summary>
/// A staff action and its audit entry commit together: with the audit table refusing every insert (as a full disk or a
/// lost connection would), no staff action changes anything, so nothing is ever changed that the audit log does not show.
/// </summary>
public abstract class AuditInTransactionTests(DatabaseProvider provider) : PortalTest(provider)
{
    [Fact]
    public async Task No_staff_action_changes_anything_when_its_audit_entry_cannot_be_written()
    {
        await AddAccountAsync("1000190");
        await AddAccountAsync("1000191", BillingProgram.SmallBusiness);
        await PlaceOrderAsync("1000190", unitPrice: 100m);
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);
        var person = await RegisterAsync("1000190", "locked@audit.example", PortalRole.Admin);
        await InScopeAsync<UserManager<PortalUser>, IdentityResult>(async users =>
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync($"{person.Id}"))!, Clock.GetUtcNow().AddMinutes(15)));
        var unapplied = await InScopeAsync<Receipts, Outcome<Receipt>>(r => r.RecordAsync(
            new ReceiptEntry(ReceiptMethod.Wire, 5_000, "CAD", new DateOnly(2026, 11, 2), "no reference", "WIRE-AUDIT-1"), "test", CancellationToken.None));
        var staff = await CreateStaffAsync("admin@audit.example", StaffRole.Administrator);
        var lead = await AddLeadAsync("1000191");
        var failedEmail = await AddFailedEmailAsync();
        var certificate = new Taxes.ExemptionCertificateForm("PstResale", "PST-AUDIT-1", ["Pst"], ["BC"], new DateOnly(2026, 1, 1), null, null, "pst.pdf", "%PDF-1.4"u8.ToArray());
        var keptId = await AddCertificateAsync(await AddAccountAsync("1000192", province: Province.BC), staff);
        var colleague = await CreateStaffAsync("colleague@audit.example", StaffRole.Sales);
        var departed = await CreateStaffAsync("departed@audit.example", StaffRole.Sales);
        await using (var staffDb = Database.NewContext())
        {
            await staffDb.StaffMembers.Where(s => s.Id == departed.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.DisabledAt, Clock.GetUtcNow()));
        }
        var (endpointId, deliveryId) = await AddWebhookDeliveryAsync();
        var emailsBefore = await CountEmailsAsync();
        var settings = await BillerFormAsync();
        settings.GstHstNumber = "123456782 RT0001";
        await RefuseAuditEntriesAsync();

        var actions = new Dictionary<string, Func<IServiceProvider, Task<bool>>>
        {
            ["account.name-address"] = async s => (await s.GetRequiredService<CustomerRelations>().ChangeNameAndAddressAsync("1000190",
                new AddressChange("Renamed Ltd.", "1 Main Street", null, "Ottawa", "CA", "ON", "K1A 0B1"), CancellationToken.None)).Succeeded,
            ["account.delivery"] = async s => (await s.GetRequiredService<CustomerRelations>().SetDeliveryAsync("1000190", DeliveryPreference.Paper, CancellationToken.None)).Succeeded,
            ["portal.invitation"] = async s => (await s.GetRequiredService<CustomerRelations>().ResendInvitationAsync("1000191", "new@audit.example", CancellationToken.None)).Succeeded,
            ["portal.end-sessions"] = async s => (await s.GetRequiredService<CustomerRelations>().EndSessionsAsync("1000190", person.Id, CancellationToken.None)).Succeeded,
            ["portal.unlock"] = async s => (await s.GetRequiredService<CustomerRelations>().UnlockAsync("1000190", person.Id, CancellationToken.None)).Succeeded,
            ["receipt.record"] = async s => (await s.GetRequiredService<Operations>().RecordAsync(
                new ReceiptEntry(ReceiptMethod.Cheque, 15_050, "CAD", new DateOnly(2026, 11, 3), "cheque 42", "CHQ-AUDIT-42", "1000190"), CancellationToken.None)).Succeeded,
            ["receipt.apply"] = async s => (await s.GetRequiredService<Operations>().ApplyAsync(unapplied.Value!.Id, "F000000001", 5_000, CancellationToken.None)).Succeeded,
            ["account.program-commercial"] = async s => (await s.GetRequiredService<Programs>().UpgradeLeadAsync(lead, 30, "Volumes qualify", CancellationToken.None)).Succeeded,
            ["account.program-smallbusiness"] = async s => (await s.GetRequiredService<Programs>().ToSmallBusinessAsync("1000190", new DateOnly(2026, 10, 31), "Agreement ended", CancellationToken.None)).Succeeded,
            ["exemption.add"] = async s => (await s.GetRequiredService<Taxes.ExemptionCertificates>().RecordAsync("1000192", certificate, CancellationToken.None)).Succeeded,
            ["exemption.end"] = async s => (await s.GetRequiredService<Taxes.ExemptionCertificates>().EndAsync("1000192", keptId, new DateOnly(2026, 10, 31), CancellationToken.None)).Succeeded,
            ["lead.contact"] = async s => (await s.GetRequiredService<Programs>().RecordContactAsync(lead, "Called, will think", false, CancellationToken.None)).Succeeded,
            ["tax-rule.override"] = async s => (await s.GetRequiredService<Taxes.OverrideTaxability>().RecordAsync(
                new Taxes.TaxabilityOverrideForm("Lease", "Pst", "BC", false, "2026-12-01", "Tax advisor's opinion"), CancellationToken.None)).Succeeded,
            ["email.requeue"] = async s => (await s.GetRequiredService<RequeueEmails>().OneAsync(failedEmail, CancellationToken.None)).Succeeded,
            ["email.requeue-all"] = async s => (await s.GetRequiredService<RequeueEmails>().AllFailedAsync(CancellationToken.None)).Succeeded,
            ["staff.add"] = async s => (await s.GetRequiredService<AddStaffMember>().InviteAsync(new NewStaffMember("new@staff-audit.example", "New Person", StaffRole.Sales), CancellationToken.None)).Succeeded,
            ["staff.password-link"] = async s => (await s.GetRequiredService<AddStaffMember>().SendLinkAsync(colleague.Id, CancellationToken.None)).Succeeded,
            ["staff.disable"] = async s => (await s.GetRequiredService<ChangeStaffAccess>().DisableAsync(colleague.Id, StaffActor.SignedInAdministrator, CancellationToken.None)).Succeeded,
            ["staff.enable"] = async s => (await s.GetRequiredService<ChangeStaffAccess>().EnableAsync(departed.Id, StaffActor.SignedInAdministrator, CancellationToken.None)).Succeeded,
            ["staff.role"] = async s => (await s.GetRequiredService<ChangeStaffAccess>().ChangeRoleAsync(colleague.Id, StaffRole.BillingOperator, StaffActor.SignedInAdministrator, CancellationToken.None)).Succeeded,
            ["staff.two-step-reset"] = async s => (await s.GetRequiredService<ChangeStaffAccess>().ResetTwoStepAsync(colleague.Id, StaffActor.SignedInAdministrator, CancellationToken.None)).Succeeded,
            ["account.open"] = async s => (await s.GetRequiredService<OpenAccount>().OpenAsync(NewAccountDetails("1000193"), CancellationToken.None)).Succeeded,
            ["account.edit"] = async s => (await s.GetRequiredService<EditAccount>().SaveAsync("1000192", NewAccountDetails("1000192"), CancellationToken.None)).Succeeded,
            ["account.import"] = async s => (await s.GetRequiredService<ImportAccounts>().ImportAsync(ImportAccountsTests.Csv(ImportAccountsTests.Line("1000194"), ImportAccountsTests.Line("1000190", name: "Imported Rename")),
                new ImportActor(staff.Id, staff.Email, "127.0.0.1"), null, CancellationToken.None)).Succeeded,
            ["webhook.add"] = async s => (await s.GetRequiredService<Webhooks.WebhookEndpoints>().AddAsync(
                new Webhooks.NewWebhookEndpoint(1, "http://127.0.0.1:9/audited", [Events.EventTypes.InvoicePaid]), CancellationToken.None)).Succeeded,
            ["webhook.disable"] = async s => (await s.GetRequiredService<Webhooks.WebhookEndpoints>().SetEnabledAsync(endpointId, false, CancellationToken.None)).Succeeded,
            ["webhook.send-again"] = async s => (await s.GetRequiredService<Webhooks.WebhookEndpoints>().SendAgainAsync(deliveryId, CancellationToken.None)).Succeeded,
            ["biller.settings"] = async s => (await s.GetRequiredService<ChangeBillerSettings>().SaveAsync(settings, Language.En, CancellationToken.None)).Succeeded,
            ["api-key.issue"] = async s => (await s.GetRequiredService<IssueApiKey>().IssueAsync(new NewApiKey("ERP", [ApiScope.Read], []), CancellationToken.None)).Succeeded,
            ["api-key.rotate"] = async s => (await s.GetRequiredService<IssueApiKey>().RotateAsync(1, CancellationToken.None)).Succeeded,
            ["api-key.revoke"] = async s => (await s.GetRequiredService<IssueApiKey>().RevokeAsync(1, CancellationToken.None)).Succeeded,
        };
        var changedAnyway = new List<string>();
        foreach (var (action, run) in actions)
        {
            try
            {
                if (await AsStaffAsync(staff, run))
                {
                    changedAnyway.Add($"{action} succeeded");
                }
            }
            catch (Exception exception) when (exception is DbUpdateException or System.Data.Common.DbException)
            {
                // The refused audit insert (through EF, or a bulk insert's own command): the action must fail as a whole.
            }
        }

        Assert.Empty(changedAnyway);
        await using var db = Database.NewContext();
        var account = await db.Accounts.SingleAsync(a => a.CustomerNumber == "1000190");
        Assert.Equal(("Customer 1000190", DeliveryPreference.Electronic, BillingProgram.Commercial), (account.LegalName, account.Delivery, account.Program));
        Assert.Equal(BillingProgram.SmallBusiness, (await db.Accounts.SingleAsync(a => a.CustomerNumber == "1000191")).Program);
        Assert.Empty(await db.ProgramChanges.ToListAsync());
        Assert.False(await db.Invitations.AnyAsync(i => i.Email == "new@audit.example"));
        Assert.NotNull((await db.Users.SingleAsync(u => u.Id == person.Id)).LockoutEnd);
        Assert.False(await db.Receipts.AnyAsync(r => r.BankReference == "CHQ-AUDIT-42"));
        Assert.Empty(await db.ReceiptAllocations.ToListAsync());
        Assert.Equal(SalesLeadStatus.Open, (await db.SalesLeads.SingleAsync()).Status);
        Assert.Empty(await db.TaxRuleOverrides.ToListAsync());
        Assert.Equal([("PST-AUDIT-0", (DateOnly?)null, (DateTimeOffset?)null)],
            (await db.ExemptionCertificates.ToListAsync()).Select(c => (c.Number, c.ValidUntil, c.EndedAt)));
        Assert.Equal("123456789 RT0001", (await db.BillerSettings.SingleAsync()).GstHstNumber);
        Assert.False(await db.Accounts.AnyAsync(a => a.CustomerNumber == "1000193" || a.CustomerNumber == "1000194"));
        Assert.Equal("Customer 1000192", (await db.Accounts.SingleAsync(a => a.CustomerNumber == "1000192")).LegalName);
        Assert.Equal(emailsBefore, await CountEmailsAsync());
        Assert.Equal(EmailState.Failed, (await db.OutboxEmails.SingleAsync(e => e.Id == failedEmail)).State);
        Assert.False(await db.StaffMembers.AnyAsync(m => m.Email == "new@staff-audit.example"));
        var apiKey = await db.Set<ApiKey>().SingleAsync();
        Assert.Equal((ApiKey.Hash(ApiKeyValue), (DateTimeOffset?)null, (DateTimeOffset?)null), (apiKey.KeyHash, apiKey.RotatedAt, apiKey.RevokedAt));
        var unchanged = await db.StaffMembers.SingleAsync(m => m.Id == colleague.Id);
        Assert.Equal((StaffRole.Sales, (DateTimeOffset?)null, (string?)null), (unchanged.Role, unchanged.DisabledAt, unchanged.PasswordLinkHash));
        Assert.NotNull((await db.StaffMembers.SingleAsync(m => m.Id == departed.Id)).DisabledAt);
        Assert.Equal([("http://127.0.0.1:9/kept", true)], await db.WebhookEndpoints.Select(e => new ValueTuple<string, bool>(e.Url, e.Enabled)).ToListAsync());
        Assert.Equal((Webhooks.WebhookDeliveryState.Failed, 3), await db.WebhookDeliveries.Select(d => new ValueTuple<Webhooks.WebhookDeliveryState, int>(d.State, d.Attempts)).SingleAsync());
        Assert.Empty(await db.StaffAuditEntries.ToListAsync());
    }

    /// <summary>An endpoint of the test key, and a delivery to it that failed for good.</summary>
    private async Task<(long EndpointId, long DeliveryId)> AddWebhookDeliveryAsync()
    {
        await using var db = Database.NewContext();
        var endpoint = new Webhooks.WebhookEndpoint { ApiKeyId = 1, Url = "http://127.0.0.1:9/kept", EventTypes = "invoice.finalized", ProtectedSecret = "unused", Enabled = true, CreatedAt = Clock.GetUtcNow() };
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync();
        var delivery = new Webhooks.WebhookDelivery { EndpointId = endpoint.Id, EventId = await db.Events.MinAsync(e => e.Id), State = Webhooks.WebhookDeliveryState.Failed, Attempts = 3, NextAttemptAt = Clock.GetUtcNow() };
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync();
        return (endpoint.Id, delivery.Id);
    }

    private static AccountDetails NewAccountDetails(string number)
    {
        new AccountForm(number, "Audited Ltd.", "1 Main Street", null, "Vancouver", "CA", "BC", "V6B 1A1", null, null, null, "en", "a@audited.example", null)
            .Check(EBillingPrefixes.Of("1", "9"), new AccountDefaults(CreditTerms.Net30, Currency.Cad), out var details);
        return details!;
    }

    private async Task<long> AddLeadAsync(string customerNumber)
    {
        await using var db = Database.NewContext();
        var account = await db.Accounts.SingleAsync(a => a.CustomerNumber == customerNumber);
        var lead = new SalesLead { AccountId = account.Id, Status = SalesLeadStatus.Open, OpenedAt = Clock.GetUtcNow() };
        db.SalesLeads.Add(lead);
        await db.SaveChangesAsync();
        return lead.Id;
    }

    private async Task<long> AddFailedEmailAsync()
    {
        await using var db = Database.NewContext();
        var email = new OutboxEmail
        {
            Kind = "test", ToAddress = "gone@audit.example", Subject = "Refused", Body = "Refused for good.", CreatedAt = Clock.GetUtcNow(),
            State = EmailState.Failed, Attempts = 1, LastError = "SMTP 550: No such mailbox",
        };
        db.OutboxEmails.Add(email);
        await db.SaveChangesAsync();
        return email.Id;
    }

    private async Task<long> AddCertificateAsync(CustomerAccount account, StaffMember staff)
    {
        await using var db = Database.NewContext();
        var certificate = new Taxes.ExemptionCertificate
        {
            AccountId = account.Id, Kind = Taxes.ExemptionKind.PstResale, Number = "PST-AUDIT-0", Taxes = "Pst", Provinces = "BC", ValidFrom = new DateOnly(2026, 1, 1),
            Proof = "%PDF-1.4"u8.ToArray(), ProofContentType = "application/pdf", ProofFileName = "pst.pdf", RecordedByStaffId = staff.Id, RecordedAt = Clock.GetUtcNow(),
        };
        db.ExemptionCertificates.Add(certificate);
        await db.SaveChangesAsync();
        return certificate.Id;
    }

    private async Task<BillerSettingsForm> BillerFormAsync()
    {
        await using var db = Database.NewContext();
        return BillerSettingsForm.Of(await db.BillerSettings.SingleAsync(), Language.En);
    }

    private async Task<int> CountEmailsAsync()
    {
        await using var db = Database.NewContext();
        return await db.OutboxEmails.CountAsync();
    }

    /// <summary>A trigger that refuses every insert into the audit log, on either database.</summary>
    private async Task RefuseAuditEntriesAsync()
    {
        await using var db = Database.NewContext();
        if (Provider == DatabaseProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("CREATE TRIGGER refuse_audit BEFORE INSERT ON staff_audit_entries BEGIN SELECT RAISE(ABORT, 'audit log unavailable'); END;");
            return;
        }
        await db.Database.ExecuteSqlRawAsync("""
            CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit log unavailable'; END $$;
            CREATE TRIGGER refuse_audit BEFORE INSERT ON staff_audit_entries FOR EACH ROW EXECUTE FUNCTION refuse_audit();
            """);
    }
}

public sealed class AuditInTransactionTestsOnSqlite() : AuditInTransactionTests(DatabaseProvider.Sqlite);
public sealed class AuditInTransactionTestsOnPostgres() : AuditInTransactionTests(DatabaseProvider.Postgres);

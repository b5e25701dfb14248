using Facturo.Accounts;
using Facturo.Data;
using Facturo.Infrastructure;
using Facturo.Platform;
using Facturo.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Facturo.Portal;

/// <summary>Who gets an invitation when someone asks for one with an invoice: never the person who typed an address.</summary>
public abstract class InvitationRequestTests(DatabaseProvider provider) : PortalTest(provider)
{
    [Fact]
    public async Task A_stranger_with_one_invoice_of_an_account_on_the_portal_gets_no_invitation_until_an_administrator_approves()
    {
        var total = await BilledAccountAsync("1000070");
        var owner = await RegisterAsync("1000070", "owner@client.example", PortalRole.Admin, Language.Fr);
        await using var browser = await Browser.LaunchAsync();
        var stranger = await browser.NewPageAsync(BaseAddress, "en-CA");

        var answer = await RequestInvitationAsync(stranger, "1000070", "F000000001", total, "stranger@elsewhere.example", "Sam Stranger");
        await using (var db = Database.NewContext())
        {
            Assert.Empty(await db.Invitations.Where(i => i.Email == "stranger@elsewhere.example").ToListAsync());
        }
        var asked = await ReadEmailAsync("owner@client.example", "Demande d'accès au portail – compte 1000070");
        var listed = Assert.Single(await InScopeAsync<AccessRequests, List<AccessRequest>>(r => r.PendingForAsync(owner.EnterpriseId, CancellationToken.None)));
        var approved = await InScopeAsync<AccessRequests, Outcome<Invitation>>(r => r.ApproveAsync(owner, listed.Id, PortalRole.Payer, CancellationToken.None));
        var token = (await ReadLinkAsync("stranger@elsewhere.example", "/register?token=")).Split("token=")[1];
        var registered = await InScopeAsync<Invitations, Outcome<PortalUser>>(i =>
            i.RegisterAsync(token, new RegistrationForm("Sam Stranger", Password, Language.En, "first-pet", "Rex", "birth-city", "Laval"), CancellationToken.None));
        var granted = await ReadEmailAsync("owner@client.example", "Accès accordé : stranger@elsewhere.example");

        Assert.StartsWith("Thank you. If these details match", answer, StringComparison.Ordinal);
        Assert.Contains("Sam Stranger (stranger@elsewhere.example) demande l'accès", asked, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", asked, StringComparison.Ordinal);
        Assert.Contains("Aucune invitation n'a été envoyée", asked, StringComparison.Ordinal);
        Assert.Equal(("Sam Stranger", "stranger@elsewhere.example", Language.En, "127.0.0.1"), (listed.FullName, listed.Email, listed.Language, listed.FromAddress));
        Assert.True(approved.Succeeded, approved.Error?.Code);
        Assert.True(registered.Succeeded, registered.Error?.Code);
        Assert.Equal((owner.EnterpriseId, PortalRole.Payer), (registered.Value!.EnterpriseId, registered.Value.Role));
        Assert.Contains("avec le rôle payeur", granted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_an_administrator_refuses_a_request_nothing_lets_the_requester_in_and_nothing_is_sent_to_them()
    {
        var total = await BilledAccountAsync("1000073");
        var owner = await RegisterAsync("1000073", "owner@client.example", PortalRole.Admin);
        await using var browser = await Browser.LaunchAsync();
        await RequestInvitationAsync(await browser.NewPageAsync(BaseAddress, "en-CA"), "1000073", "F000000001", total, "stranger@elsewhere.example");
        var request = Assert.Single(await InScopeAsync<AccessRequests, List<AccessRequest>>(r => r.PendingForAsync(owner.EnterpriseId, CancellationToken.None)));

        var refused = await InScopeAsync<AccessRequests, Outcome<AccessRequest>>(r => r.RefuseAsync(owner, request.Id, CancellationToken.None));
        var approvedAfterwards = await InScopeAsync<AccessRequests, Outcome<Invitation>>(r => r.ApproveAsync(owner, request.Id, PortalRole.Admin, CancellationToken.None));
        var stillPending = await InScopeAsync<AccessRequests, List<AccessRequest>>(r => r.PendingForAsync(owner.EnterpriseId, CancellationToken.None));

        Assert.True(refused.Succeeded, refused.Error?.Code);
        Assert.Equal("portal.access-request-not-found", approvedAfterwards.Error?.Code);
        Assert.Empty(stillPending);
        await using var db = Database.NewContext();
        Assert.Empty(await db.Invitations.Where(i => i.Email == "stranger@elsewhere.example").ToListAsync());
        Assert.Empty(await db.OutboxEmails.Where(e => e.ToAddress == "stranger@elsewhere.example").ToListAsync());
        Assert.Equal(AccessRequestStatus.Refused, (await db.AccessRequests.SingleAsync()).Status);
    }

    [Fact]
    public async Task Another_business_administrator_cannot_approve_a_request_for_an_account_that_is_not_theirs()
    {
        var total = await BilledAccountAsync("1000074");
        await RegisterAsync("1000074", "owner@client.example", PortalRole.Admin);
        await AddAccountAsync("1000075");
        var outsider = await RegisterAsync("1000075", "outsider@other.example", PortalRole.Admin);
        await using var browser = await Browser.LaunchAsync();
        await RequestInvitationAsync(await browser.NewPageAsync(BaseAddress, "en-CA"), "1000074", "F000000001", total, "accomplice@elsewhere.example");
        await using var db = Database.NewContext();
        var request = await db.AccessRequests.SingleAsync();

        var approved = await InScopeAsync<AccessRequests, Outcome<Invitation>>(r => r.ApproveAsync(outsider, request.Id, PortalRole.Admin, CancellationToken.None));

        Assert.Equal("portal.access-request-not-found", approved.Error?.Code);
        Assert.Empty(await db.Invitations.Where(i => i.Email == "accomplice@elsewhere.example").ToListAsync());
    }

    [Fact]
    public async Task A_stranger_reads_the_same_answer_whether_the_account_is_unknown_on_the_portal_not_on_it_without_email_or_the_total_wrong()
    {
        var totals = await BilledAccountsAsync("1000076", "1000077", "1000078");
        await RegisterAsync("1000076", "owner@client.example", PortalRole.Admin);
        await ClearBillingEmailAsync("1000078");
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "fr-CA");

        var answers = new[]
        {
            await RequestInvitationAsync(page, "1000079", "F000000001", "113,00", "a@elsewhere.example"),
            await RequestInvitationAsync(page, "1000076", totals[0].Invoice, totals[0].Total.Replace('.', ','), "b@elsewhere.example"),
            await RequestInvitationAsync(page, "1000077", totals[1].Invoice, totals[1].Total.Replace('.', ','), "c@elsewhere.example"),
            await RequestInvitationAsync(page, "1000078", totals[2].Invoice, totals[2].Total.Replace('.', ','), "d@elsewhere.example"),
            await RequestInvitationAsync(page, "1000077", totals[1].Invoice, "1,00", "e@elsewhere.example"),
        };

        Assert.Single(answers.Distinct());
        Assert.StartsWith("Merci. Si ces renseignements correspondent à une facture récente du compte", answers[0], StringComparison.Ordinal);
        await using var db = Database.NewContext();
        Assert.Equal(["billing@1000077.example", "owner@client.example"], await db.Invitations.OrderBy(i => i.Email).Select(i => i.Email).ToListAsync());
        Assert.Equal([("b@elsewhere.example", AccessRequestStatus.Pending, true), ("c@elsewhere.example", AccessRequestStatus.Invited, false), ("d@elsewhere.example", AccessRequestStatus.Pending, false)],
            (await db.AccessRequests.OrderBy(r => r.Email).Select(r => new { r.Email, r.Status, r.EnterpriseId }).ToListAsync()).Select(r => (r.Email, r.Status, r.EnterpriseId is not null)));
    }

    [Fact]
    public async Task For_an_account_not_yet_on_the_portal_the_invitation_goes_to_the_billing_email_on_file_never_the_typed_one()
    {
        var total = await BilledAccountAsync("1000071");
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");

        await RequestInvitationAsync(page, "1000071", "F000000001", total, "typed@elsewhere.example", "Terry Typed");

        await using var db = Database.NewContext();
        var invitation = Assert.Single(await db.Invitations.ToListAsync());
        Assert.Equal(("billing@1000071.example", PortalRole.Admin), (invitation.Email, invitation.Role));
        Assert.Contains("because Terry Typed <typed@elsewhere.example> asked", await ReadEmailAsync("billing@1000071.example", "Your e-billing invitation"), StringComparison.Ordinal);
        Assert.Empty(await db.OutboxEmails.Where(e => e.ToAddress == "typed@elsewhere.example").ToListAsync());
        var request = await db.AccessRequests.SingleAsync();
        Assert.Equal((AccessRequestStatus.Invited, invitation.Id), (request.Status, request.InvitationId));
    }

    [Fact]
    public async Task Without_a_billing_email_on_file_the_request_waits_for_customer_relations_who_invite_the_address_they_confirmed()
    {
        var total = await BilledAccountAsync("1000072", billingEmail: "");
        await CreateStaffAsync("agent@biller.example", StaffRole.CustomerRelations);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await RequestInvitationAsync(page, "1000072", "F000000001", total, "typed@elsewhere.example", "Terry Typed");
        await using (var db = Database.NewContext())
        {
            Assert.Empty(await db.Invitations.ToListAsync());
        }
        var requestId = (await InScopeAsync<AccessRequestReviews, IReadOnlyList<AccessRequestRow>>(r => r.PendingAsync(CancellationToken.None))).Single().Request.Id;
        var badEmail = await InScopeAsync<AccessRequestReviews, Outcome<Invitation>>(r => r.InviteAsync(requestId, "not an email", CancellationToken.None));

        var agent = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsStaffAsync(agent, "agent@biller.example");
        await agent.GotoAsync("/admin/access-requests");
        var listed = await agent.GetByTestId("access-request").InnerTextAsync();
        await agent.GetByLabel("Email confirmed with the customer").FillAsync("confirmed@1000072.example");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Send the invitation" }).ClickAsync();
        var sent = await agent.GetByRole(AriaRole.Status).InnerTextAsync();

        Assert.Contains("1000072", listed, StringComparison.Ordinal);
        Assert.Contains("Terry Typed (typed@elsewhere.example)", listed, StringComparison.Ordinal);
        Assert.Equal("portal.invalid-email", badEmail.Error?.Code);
        Assert.Equal("Invitation sent to confirmed@1000072.example.", sent);
        await using var after = Database.NewContext();
        var invitation = Assert.Single(await after.Invitations.ToListAsync());
        Assert.Equal(("confirmed@1000072.example", PortalRole.Admin), (invitation.Email, invitation.Role));
        var audit = await after.StaffAuditEntries.SingleAsync(e => e.Action == "portal.access-request.invite");
        Assert.Equal(("account 1000072", "agent@biller.example"), (audit.Subject, audit.StaffEmail));
        Assert.Contains("confirmed@1000072.example", audit.After, StringComparison.Ordinal);
        Assert.Equal(AccessRequestStatus.Invited, (await after.AccessRequests.SingleAsync()).Status);
    }

    [Fact]
    public async Task A_cancelled_invitation_registers_nobody_and_leaves_the_pending_list()
    {
        await AddAccountAsync("1000080");
        var owner = await RegisterAsync("1000080", "owner@client.example", PortalRole.Admin);
        var added = await InScopeAsync<EnterpriseUsers, Outcome<Invitation>>(u => u.AddAsync(owner, "later@client.example", PortalRole.Viewer, Language.En, CancellationToken.None));
        var token = (await ReadLinkAsync("later@client.example", "/register?token=")).Split("token=")[1];
        var pendingBefore = await InScopeAsync<EnterpriseUsers, List<Invitation>>(u => u.PendingInvitationsAsync(owner.EnterpriseId, CancellationToken.None));

        var cancelled = await InScopeAsync<EnterpriseUsers, Outcome<Invitation>>(u => u.CancelInvitationAsync(owner, added.Value!.Id, CancellationToken.None));
        var registered = await InScopeAsync<Invitations, Outcome<PortalUser>>(i =>
            i.RegisterAsync(token, new RegistrationForm("Lee Later", Password, Language.En, "first-pet", "Rex", "birth-city", "Laval"), CancellationToken.None));
        var pendingAfter = await InScopeAsync<EnterpriseUsers, List<Invitation>>(u => u.PendingInvitationsAsync(owner.EnterpriseId, CancellationToken.None));
        var cancelledTwice = await InScopeAsync<EnterpriseUsers, Outcome<Invitation>>(u => u.CancelInvitationAsync(owner, added.Value!.Id, CancellationToken.None));

        Assert.Equal("later@client.example", Assert.Single(pendingBefore).Email);
        Assert.True(cancelled.Succeeded, cancelled.Error?.Code);
        Assert.Equal("portal.invitation-unusable", registered.Error?.Code);
        Assert.Empty(pendingAfter);
        Assert.Equal("portal.invitation-not-found", cancelledTwice.Error?.Code);
    }

    [Fact]
    public async Task An_administrator_changes_roles_every_administrator_is_told_and_the_last_administrator_cannot_step_down()
    {
        await AddAccountAsync("1000081");
        var owner = await RegisterAsync("1000081", "owner@client.example", PortalRole.Admin, Language.Fr);
        var alone = await InScopeAsync<EnterpriseUsers, Outcome<PortalUser>>(u => u.ChangeRoleAsync(owner, owner.Id, PortalRole.Viewer, CancellationToken.None));
        var payer = await AddAndRegisterAsync(owner, "payer@client.example", PortalRole.Payer);
        var addedEmail = await ReadEmailAsync("owner@client.example", "Utilisateur ajouté");

        var promoted = await InScopeAsync<EnterpriseUsers, Outcome<PortalUser>>(u => u.ChangeRoleAsync(owner, payer.Id, PortalRole.Admin, CancellationToken.None));
        var toldOwner = await ReadEmailAsync("owner@client.example", "Rôle modifié : payer@client.example");
        var toldNewAdmin = await ReadEmailAsync("payer@client.example", "Role changed: payer@client.example");
        var stepsDown = await InScopeAsync<EnterpriseUsers, Outcome<PortalUser>>(u => u.ChangeRoleAsync(owner, owner.Id, PortalRole.Viewer, CancellationToken.None));
        var lastOneLeft = await InScopeAsync<EnterpriseUsers, Outcome<PortalUser>>(u => u.ChangeRoleAsync(promoted.Value!, payer.Id, PortalRole.Payer, CancellationToken.None));

        Assert.Equal("portal.last-admin", alone.Error?.Code);
        Assert.Contains("au moins un administrateur", alone.Error!.Message(Language.Fr), StringComparison.Ordinal);
        Assert.Contains("payer@client.example (payeur)", addedEmail, StringComparison.Ordinal);
        Assert.True(promoted.Succeeded, promoted.Error?.Code);
        Assert.Contains("payeur → administrateur", toldOwner, StringComparison.Ordinal);
        Assert.Contains("payer → administrator", toldNewAdmin, StringComparison.Ordinal);
        Assert.True(stepsDown.Succeeded, stepsDown.Error?.Code);
        Assert.Equal("portal.last-admin", lastOneLeft.Error?.Code);
        await using var db = Database.NewContext();
        Assert.Equal([("owner@client.example", PortalRole.Viewer), ("payer@client.example", PortalRole.Admin)],
            (await db.Users.OrderBy(u => u.Email).Select(u => new { u.Email, u.Role }).ToListAsync()).Select(u => (u.Email!, u.Role)));
    }

    [Fact]
    public async Task A_french_administrator_approves_a_request_in_business_users_with_the_role_chosen()
    {
        var total = await BilledAccountAsync("1000082");
        var link = await InviteAndReadLinkAsync("1000082", "patronne@client.example", Language.Fr);
        await using var browser = await Browser.LaunchAsync();
        var admin = await browser.NewPageAsync(BaseAddress, "fr-CA");
        await RegisterAsync(admin, link);
        await RequestInvitationAsync(await browser.NewPageAsync(BaseAddress, "fr-CA"), "1000082", "F000000001", total.Replace('.', ','), "commis@client.example", "Camille Commis");

        await admin.GotoAsync("/business/users");
        var waiting = await admin.GetByTestId("access-requests").InnerTextAsync();
        await admin.Locator("select[id^=request-role-]").SelectOptionAsync("Payer");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Approuver Camille Commis" }).ClickAsync();
        var sent = await admin.GetByRole(AriaRole.Status).InnerTextAsync();
        var pending = await admin.GetByTestId("pending-invitations").InnerTextAsync();
        await Screenshot(admin, "business-users-access-request-approved-fr");
        var clerk = await browser.NewPageAsync(BaseAddress, "fr-CA");
        await RegisterAsync(clerk, await ReadLinkAsync("commis@client.example", "/register?token="));

        Assert.Contains("Camille Commis", waiting, StringComparison.Ordinal);
        Assert.Contains("commis@client.example", waiting, StringComparison.Ordinal);
        Assert.Equal("Invitation envoyée à commis@client.example.", sent);
        Assert.Contains("payeur", pending, StringComparison.Ordinal);
        await using var db = Database.NewContext();
        Assert.Equal(PortalRole.Payer, (await db.Users.SingleAsync(u => u.Email == "commis@client.example")).Role);
    }

    [Fact]
    public async Task A_second_invitation_to_found_an_account_registers_nobody_once_the_first_has_founded_it()
    {
        await AddAccountAsync("1000083");
        var founder = await InviteAndReadLinkAsync("1000083", "first@client.example", Language.En);
        var late = await InviteAndReadLinkAsync("1000083", "second@client.example", Language.En);
        await InScopeAsync<Invitations, Outcome<PortalUser>>(i =>
            i.RegisterAsync(founder.Split("token=")[1], new RegistrationForm("First", Password, Language.En, "first-pet", "Rex", "birth-city", "Laval"), CancellationToken.None));

        var registered = await InScopeAsync<Invitations, Outcome<PortalUser>>(i =>
            i.RegisterAsync(late.Split("token=")[1], new RegistrationForm("Second", Password, Language.En, "first-pet", "Rex", "birth-city", "Laval"), CancellationToken.None));

        Assert.Equal("portal.invitation-unusable", registered.Error?.Code);
        await using var db = Database.NewContext();
        Assert.Equal(["first@client.example"], await db.Users.Select(u => u.Email!).ToListAsync());
    }

    /// <summary>An account with one invoice billed in October; returns that invoice's total as typed in English.</summary>
    private async Task<string> BilledAccountAsync(string customerNumber, string? billingEmail = null)
    {
        var total = (await BilledAccountsAsync(customerNumber))[0].Total;
        if (billingEmail is not null)
        {
            await ClearBillingEmailAsync(customerNumber);
        }
        return total;
    }


    private async Task ClearBillingEmailAsync(string customerNumber)
    {
        await using var db = Database.NewContext();
        var account = await db.Accounts.SingleAsync(a => a.CustomerNumber == customerNumber);
        account.BillingEmail = "";
        await db.SaveChangesAsync();
    }

    private async Task<PortalUser> AddAndRegisterAsync(PortalUser admin, string email, PortalRole role)
    {
        var added = await InScopeAsync<EnterpriseUsers, Outcome<Invitation>>(u => u.AddAsync(admin, email, role, Language.En, CancellationToken.None));
        Assert.True(added.Succeeded, added.Error?.Code);
        var token = (await ReadLinkAsync(email, "/register?token=")).Split("token=")[1];
        var registered = await InScopeAsync<Invitations, Outcome<PortalUser>>(i =>
            i.RegisterAsync(token, new RegistrationForm("Pat Payer", Password, Language.En, "first-pet", "Rex", "birth-city", "Laval"), CancellationToken.None));
        Assert.True(registered.Succeeded, registered.Error?.Code);
        return registered.Value!;
    }
}

public sealed class InvitationRequestTestsOnSqlite() : InvitationRequestTests(DatabaseProvider.Sqlite);
public sealed class InvitationRequestTestsOnPostgres() : InvitationRequestTests(DatabaseProvider.Postgres);

using Facturo.Accounts;
using Facturo.Data;
using Facturo.Infrastructure;
using Facturo.Platform;
using Facturo.Staff;
using Microsoft.AspNetCore.Identity;

namespace Facturo.Portal;

/// <summary>One password policy for registration, both resets, a change and staff: 12 characters, not a common password, none of the last five.</summary>
public abstract class PasswordPolicyTests(DatabaseProvider provider) : PortalTest(provider)
{
    /// <summary>Too short; 12 characters but on the list of common passwords; on the list in other capitals.</summary>
    public static readonly TheoryData<string> WeakPasswords = new() { "Password12", "aaaaaaaaaaaa", "qwertyuiop123", "QwertyUIOP123" };

    [Theory]
    [MemberData(nameof(WeakPasswords))]
    public async Task A_short_or_common_password_is_refused_at_registration_reset_change_and_for_staff_and_nothing_changes(string weak)
    {
        await AddAccountAsync("1000301");
        var invited = await InScopeAsync<Invitations, Outcome<Invitation>>(i => i.InviteAsync("1000301", "weak@client.example", PortalRole.Admin, Language.Fr, null, CancellationToken.None));
        var token = (await ReadLinkAsync("weak@client.example", "/register?token=")).Split("token=")[1];

        var registration = await InScopeAsync<Invitations, Outcome<PortalUser>>(i =>
            i.RegisterAsync(token, new RegistrationForm("Pat Payer", weak, Language.Fr, "first-pet", "Rex", "birth-city", "Laval"), CancellationToken.None));
        var registered = await InScopeAsync<Invitations, Outcome<PortalUser>>(i =>
            i.RegisterAsync(token, new RegistrationForm("Pat Payer", Password, Language.Fr, "first-pet", "Rex", "birth-city", "Laval"), CancellationToken.None));
        var reset = await InScopeAsync<UserManager<PortalUser>, IdentityResult>(async users =>
        {
            var user = (await users.FindByEmailAsync("weak@client.example"))!;
            return await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), weak);
        });
        var change = await InScopeAsync<UserManager<PortalUser>, IdentityResult>(async users =>
            await users.ChangePasswordAsync((await users.FindByEmailAsync("weak@client.example"))!, Password, weak));
        var staff = await InScopeAsync<StaffSignIn, Outcome<StaffMember>>(s => s.CreateAsync("weak@staff.example", "Alex Agent", StaffRole.Sales, weak, CancellationToken.None));
        var stillSignsInWithTheOldPassword = await InScopeAsync<UserManager<PortalUser>, bool>(async users =>
            await users.CheckPasswordAsync((await users.FindByEmailAsync("weak@client.example"))!, Password));

        Assert.True(invited.Succeeded);
        var expected = weak.Length < 12 ? "password.too-short" : "password.too-common";
        Assert.Equal(expected, registration.Error?.Code);
        Assert.True(registered.Succeeded, registered.Error?.Code);
        Assert.Equal(expected, Assert.Single(reset.Errors).Code);
        Assert.Equal(expected, Assert.Single(change.Errors).Code);
        Assert.Equal(expected, staff.Error?.Code);
        Assert.True(stillSignsInWithTheOldPassword);
        Assert.Null(await InScopeAsync<StaffSignIn, StaffMember?>(async s => (await s.CheckPasswordAsync("weak@staff.example", weak, CancellationToken.None)).Staff));
    }

    [Fact]
    public async Task A_password_built_on_the_product_or_the_billers_name_is_refused_for_portal_and_staff()
    {
        await AddAccountAsync("1000309");
        await RegisterAsync("1000309", "site@client.example", PortalRole.Admin);

        var change = await InScopeAsync<UserManager<PortalUser>, IdentityResult>(async users =>
            await users.ChangePasswordAsync((await users.FindByEmailAsync("site@client.example"))!, Password, "my-FACTURO-login-77"));
        var staff = await InScopeAsync<StaffSignIn, Outcome<StaffMember>>(s => s.CreateAsync("site@staff.example", "Alex Agent", StaffRole.Sales, "Postes-for-ever-2026", CancellationToken.None));
        var shortWordOfTheName = await InScopeAsync<StaffSignIn, Outcome<StaffMember>>(s => s.CreateAsync("short@staff.example", "Alex Agent", StaffRole.Sales, "Test-drive-the-river-9", CancellationToken.None));

        Assert.Equal("password.site-word", Assert.Single(change.Errors).Code);
        Assert.Equal("password.site-word", staff.Error?.Code);
        Assert.Equal("Ce mot de passe contient le nom du portail ou de l'entreprise qui vous facture, l'un des premiers mots qu'on essaierait ici : choisissez-en un autre.",
            staff.Error!.Message(Language.Fr));
        Assert.True(shortWordOfTheName.Succeeded, shortWordOfTheName.Error?.Code);
    }

    [Fact]
    public void The_refusals_are_explained_in_french_and_english()
    {
        Assert.Equal("Le mot de passe doit compter au moins 12 caractères. Une phrase de quelques mots est facile à retenir.",
            UserError.Validation("password.too-short", 12).Message(Language.Fr));
        Assert.Equal("This password is one of the most common and would be guessed quickly: choose another one.",
            UserError.Validation("password.too-common").Message(Language.En));
        Assert.Equal("Choisissez un mot de passe différent de vos 5 derniers.", UserError.Validation("password.reused", 5).Message(Language.Fr));
    }

    [Fact]
    public async Task An_unusual_password_of_twelve_characters_or_more_is_accepted_everywhere()
    {
        await AddAccountAsync("1000302");
        await RegisterAsync("1000302", "fine@client.example", PortalRole.Admin);
        var change = await InScopeAsync<UserManager<PortalUser>, IdentityResult>(async users =>
            await users.ChangePasswordAsync((await users.FindByEmailAsync("fine@client.example"))!, Password, "lilac harbour tuesday"));
        var staff = await InScopeAsync<StaffSignIn, Outcome<StaffMember>>(s => s.CreateAsync("fine@staff.example", "Alex Agent", StaffRole.Sales, "Otter-Kayak-Birch", CancellationToken.None));

        Assert.True(change.Succeeded, string.Join(", ", change.Errors.Select(e => e.Code)));
        Assert.True(staff.Succeeded, staff.Error?.Code);
    }

    [Fact]
    public async Task The_last_five_passwords_cannot_be_chosen_again_but_the_sixth_last_can()
    {
        await AddAccountAsync("1000303");
        await RegisterAsync("1000303", "history@client.example", PortalRole.Admin);
        string[] passwords = [Password, "Second-Pass-Word-2", "Third-Pass-Word-3", "Fourth-Pass-Word-4", "Fifth-Pass-Word-5", "Sixth-Pass-Word-6"];

        var (changes, reuses, sixthLast) = await InScopeAsync<UserManager<PortalUser>, (List<bool>, List<string?>, bool)>(async users =>
        {
            var user = (await users.FindByEmailAsync("history@client.example"))!;
            var changes = new List<bool>();
            for (var i = 1; i < passwords.Length; i++)
            {
                changes.Add((await users.ChangePasswordAsync(user, passwords[i - 1], passwords[i])).Succeeded);
            }
            var current = passwords[^1];
            var reuses = new List<string?>();
            foreach (var earlier in passwords[1..].Reverse())
            {
                reuses.Add((await users.ChangePasswordAsync(user, current, earlier)).Errors.SingleOrDefault()?.Code);
            }
            return (changes, reuses, (await users.ChangePasswordAsync(user, current, passwords[0])).Succeeded);
        });

        Assert.All(changes, Assert.True);
        Assert.Equal(Enumerable.Repeat<string?>("password.reused", 5), reuses);
        Assert.True(sixthLast);
    }

    [Fact]
    public async Task A_staff_password_set_again_follows_the_same_policy_and_history_and_ends_a_lockout()
    {
        await CreateStaffAsync("again@staff.example", StaffRole.Sales);
        for (var failure = 0; failure < 5; failure++)
        {
            await InScopeAsync<StaffSignIn, (StaffSignInResult, StaffMember?)>(s => s.CheckPasswordAsync("again@staff.example", "Not-The-Password-1", CancellationToken.None));
        }
        Task<Outcome<StaffMember>> SetAsync(string password) =>
            InScopeAsync<StaffSignIn, Outcome<StaffMember>>(s => s.SetPasswordAsync("again@staff.example", password, CancellationToken.None));

        var common = await SetAsync("aaaaaaaaaaaa");
        var same = await SetAsync(AgentPassword);
        var changed = await SetAsync("Staff-Second-Pass-2");
        var back = await SetAsync(AgentPassword);
        var third = await SetAsync("Staff-Third-Pass-3");
        var unknown = await InScopeAsync<StaffSignIn, Outcome<StaffMember>>(s => s.SetPasswordAsync("nobody@staff.example", "Staff-Third-Pass-3", CancellationToken.None));
        var (signIn, _) = await InScopeAsync<StaffSignIn, (StaffSignInResult, StaffMember?)>(s => s.CheckPasswordAsync("again@staff.example", "Staff-Third-Pass-3", CancellationToken.None));

        Assert.Equal("password.too-common", common.Error?.Code);
        Assert.Equal("password.reused", same.Error?.Code);
        Assert.True(changed.Succeeded, changed.Error?.Code);
        Assert.Equal("password.reused", back.Error?.Code);
        Assert.True(third.Succeeded, third.Error?.Code);
        Assert.Equal("staff.unknown", unknown.Error?.Code);
        Assert.Equal(StaffSignInResult.PasswordAccepted, signIn);
    }
}

public sealed class PasswordPolicyTestsOnSqlite() : PasswordPolicyTests(DatabaseProvider.Sqlite);
public sealed class PasswordPolicyTestsOnPostgres() : PasswordPolicyTests(DatabaseProvider.Postgres);

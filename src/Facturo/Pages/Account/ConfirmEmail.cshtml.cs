using Facturo.Data;
using Facturo.Emails;
using Facturo.Accounts;
using Facturo.Portal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Facturo.Pages.Account;

/// <summary>Opens the confirmation link: the address changes, and the old address is told so.</summary>
[Authorize]
public sealed class ConfirmEmailModel(UserManager<PortalUser> users, SignInManager<PortalUser> signIn, EmailOutbox outbox, FacturoDbContext db) : PortalPage
{
    public bool Changed { get; private set; }

    public async Task OnGetAsync(string email, string token, CancellationToken cancellationToken)
    {
        var me = (await users.GetUserAsync(User))!;
        var oldAddress = me.Email!;
        var changed = await users.ChangeEmailAsync(me, email, token);
        if (!changed.Succeeded)
        {
            return;
        }
        await users.SetUserNameAsync(me, email);
        await signIn.RefreshSignInAsync(me);
        await outbox.QueueAsync("email-changed", oldAddress, me.Language,
            me.Language == Language.Fr ? "Votre adresse courriel a été changée" : "Your email address was changed",
            me.Language == Language.Fr
                ? $"Bonjour {me.FullName},\n\nL'adresse courriel de votre accès au portail est maintenant {email}. Si vous n'avez pas fait ce changement, appelez-nous sans tarder."
                : $"Hello {me.FullName},\n\nThe email address of your portal access is now {email}. If you did not make this change, call us right away.",
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        Changed = true;
    }
}

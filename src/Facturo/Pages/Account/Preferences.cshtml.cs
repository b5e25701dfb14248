using Facturo.Accounts;
using Facturo.Data;
using Facturo.Emails;
using Facturo.Portal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Facturo.Pages.Account;

/// <summary>My account → Personal → Preferences: the language of invoices and emails, and the notification email.</summary>
[Authorize]
public sealed class PreferencesModel(UserManager<PortalUser> users, SignInManager<PortalUser> signIn, EmailOutbox outbox, FacturoDbContext db, IOptions<EmailOptions> emailOptions) : PortalPage
{
    [BindProperty] public string PreferredLanguage { get; set; } = "";
    [BindProperty] public string NewEmail { get; set; } = "";
    [BindProperty] public string CurrentPassword { get; set; } = "";

    public PortalUser Me { get; private set; } = null!;
    public string? Notice { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync() => Me = (await users.GetUserAsync(User))!;

    public async Task<IActionResult> OnPostLanguageAsync()
    {
        Me = (await users.GetUserAsync(User))!;
        if (!LanguageCodes.TryParse(PreferredLanguage, out var language))
        {
            Error = T("Choisissez le français ou l'anglais.", "Choose French or English.");
            return Page();
        }
        Me.Language = language;
        await users.UpdateAsync(Me);
        await signIn.RefreshSignInAsync(Me);
        // The profile now decides; a switch made earlier on a page would otherwise keep overriding it.
        Response.Cookies.Delete(PortalLanguage.CookieName);
        return RedirectToPage(new { saved = true });
    }

    public async Task<IActionResult> OnPostEmailAsync(CancellationToken cancellationToken)
    {
        Me = (await users.GetUserAsync(User))!;
        var address = NewEmail.Trim();
        if (!EmailAddresses.IsValid(address))
        {
            Error = Message(Platform.UserError.Validation("portal.invalid-email", NewEmail));
            return Page();
        }
        if (!await users.CheckPasswordAsync(Me, CurrentPassword))
        {
            Error = T("Le mot de passe actuel est incorrect.", "The current password is incorrect.");
            return Page();
        }
        var token = await users.GenerateChangeEmailTokenAsync(Me, address);
        var link = $"{emailOptions.Value.PublicBaseUrl.TrimEnd('/')}/account/confirm-email?email={Uri.EscapeDataString(address)}&token={Uri.EscapeDataString(token)}";
        await outbox.QueueAsync("email-change-confirmation", address, Me.Language,
            Me.Language == Language.Fr ? "Confirmez votre nouvelle adresse courriel" : "Confirm your new email address",
            Me.Language == Language.Fr
                ? $"Bonjour {Me.FullName},\n\nPour recevoir les avis du portail à cette adresse, confirmez-la en ouvrant ce lien (connecté au portail) :\n{link}"
                : $"Hello {Me.FullName},\n\nTo receive the portal's notices at this address, confirm it by opening this link (signed in to the portal):\n{link}",
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        Notice = T($"Un lien de confirmation a été envoyé à {address}. L'adresse change quand vous l'ouvrez.", $"A confirmation link was sent to {address}. The address changes when you open it.");
        return Page();
    }
}

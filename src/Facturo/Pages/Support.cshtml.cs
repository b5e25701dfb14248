using Facturo.Accounts;
using Facturo.Data;
using Facturo.Portal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Pages;

/// <summary>Ask billing support a question and read the answers, for everyone in the business.</summary>
[Authorize]
[EnableRateLimiting(PortalRateLimits.SupportQuestions)]
public sealed class SupportModel(SupportQuestions questions, UserManager<PortalUser> users, FacturoDbContext db) : PortalPage
{
    [BindProperty] public string? CustomerNumber { get; set; }
    [BindProperty] public string Subject { get; set; } = "";
    [BindProperty] public string Body { get; set; } = "";
    public IReadOnlyList<CustomerAccount> Accounts { get; private set; } = [];
    public IReadOnlyList<SupportQuestion> Questions { get; private set; } = [];
    public string? Notice { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task OnPostAsync(CancellationToken cancellationToken)
    {
        var me = (await users.GetUserAsync(User))!;
        var asked = await questions.AskAsync(me, new QuestionForm(CustomerNumber, Subject, Body), cancellationToken);
        if (asked.Succeeded)
        {
            Notice = T("Votre question est envoyée. La réponse vous sera envoyée par courriel et affichée ici.", "Your question is sent. The answer will be emailed to you and shown here.");
            ModelState.Clear();
            (Subject, Body) = ("", "");
        }
        else
        {
            Error = Message(asked.Error!);
        }
        await LoadAsync(cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var me = (await users.GetUserAsync(User))!;
        Accounts = await db.Accounts.AsNoTracking().Where(a => db.EnterpriseAccounts.Any(l => l.EnterpriseId == me.EnterpriseId && l.AccountId == a.Id))
            .OrderBy(a => a.CustomerNumber).ToListAsync(cancellationToken);
        Questions = await questions.OfEnterpriseAsync(me.EnterpriseId, cancellationToken);
    }
}

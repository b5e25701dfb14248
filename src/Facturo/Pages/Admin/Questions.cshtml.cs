using Facturo.Data;
using Facturo.Portal;
using Facturo.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Pages.Admin;

public sealed record QuestionRow(SupportQuestion Question, string AskedBy, string Email, string? CustomerNumber);

/// <summary>Customers' billing questions waiting for an answer; the answer is emailed in the customer's language.</summary>
[Authorize(Policy = StaffAuth.CustomerRelationsPolicy)]
public sealed class QuestionsModel(FacturoDbContext db, SupportQuestions questions) : PortalPage
{
    public IReadOnlyList<QuestionRow> Open { get; private set; } = [];
    public string? Notice { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task OnPostAsync(long id, string answer, CancellationToken cancellationToken)
    {
        var answered = await questions.AnswerAsync(id, answer ?? "", cancellationToken);
        (Notice, Error) = answered.Succeeded ? (T("Réponse envoyée.", "Answer sent."), null) : ((string?)null, Message(answered.Error!));
        await LoadAsync(cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var rows = await db.SupportQuestions.AsNoTracking().Where(q => q.Status == SupportQuestionStatus.Open).OrderBy(q => q.Id).Take(200)
            .Join(db.Users, q => q.AskedByUserId, u => u.Id, (q, u) => new { q, u.FullName, u.Email })
            .ToListAsync(cancellationToken);
        var accountIds = rows.Where(r => r.q.AccountId != null).Select(r => r.q.AccountId!.Value).ToList();
        var numbers = await db.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.CustomerNumber, cancellationToken);
        Open = rows.Select(r => new QuestionRow(r.q, r.FullName, r.Email!, r.q.AccountId is { } id ? numbers[id] : null)).ToList();
    }
}

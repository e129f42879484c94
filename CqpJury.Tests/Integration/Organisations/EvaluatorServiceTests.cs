using CqpJury.App.Services;
using CqpJury.App.Services.Evaluators;
using CqpJury.Domain.Dossiers;
using CqpJury.Domain.Juries;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Tests.Integration.Organisations;

/// <summary>Evaluators and their habilitation (R7); the app's clock is on 27/11/2026.</summary>
public sealed class EvaluatorServiceTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    private Task<T> AsSecretariat<T>(string email, Func<EvaluatorService, Task<T>> work) =>
        _factory.AsUserAsync(email, sp => work(sp.GetRequiredService<EvaluatorService>()));

    private static EvaluatorInput Input(string lastName, DateOnly? from, DateOnly? until = null, EvaluatorRole role = EvaluatorRole.SectorProfessional) => new()
    {
        LastName = lastName,
        FirstName = "Camille",
        Role = role,
        HabilitatedFrom = from,
        HabilitatedUntil = until,
    };

    [Fact]
    public async Task R7_List_shows_each_habilitation_status_as_of_today()
    {
        var (secretariat, _) = await _factory.CreateSecretariatAsync();
        await AsSecretariat(secretariat, s => s.CreateAsync(Input("Valide", new DateOnly(2025, 1, 1), new DateOnly(2026, 11, 27))));
        await AsSecretariat(secretariat, s => s.CreateAsync(Input("Expiree", new DateOnly(2023, 1, 1), new DateOnly(2026, 11, 26), EvaluatorRole.ExternalAssessor)));
        await AsSecretariat(secretariat, s => s.CreateAsync(Input("Future", new DateOnly(2026, 11, 28))));

        var rows = await AsSecretariat(secretariat, s => s.ListAsync());

        Assert.Equal(HabilitationStatus.Valid, rows.Single(r => r.LastName == "Valide").Status);
        Assert.Equal(HabilitationStatus.Expired, rows.Single(r => r.LastName == "Expiree").Status);
        Assert.Equal(HabilitationStatus.NotYetValid, rows.Single(r => r.LastName == "Future").Status);
        Assert.Equal("Habilitation valide", HabilitationStatus.Valid.ToFrench());
        Assert.Equal("Habilitation expirée", HabilitationStatus.Expired.ToFrench());
        Assert.Equal("Pas encore habilité", HabilitationStatus.NotYetValid.ToFrench());

        _factory.Clock.Advance(TimeSpan.FromDays(1));
        var tomorrow = await AsSecretariat(secretariat, s => s.ListAsync());
        Assert.Equal(HabilitationStatus.Expired, tomorrow.Single(r => r.LastName == "Valide").Status);
        Assert.Equal(HabilitationStatus.Valid, tomorrow.Single(r => r.LastName == "Future").Status);
    }

    [Fact]
    public async Task R7_End_before_start_is_refused_and_nothing_is_saved()
    {
        var (secretariat, _) = await _factory.CreateSecretariatAsync();

        var ex = await Assert.ThrowsAsync<InputValidationException>(() => AsSecretariat(secretariat, s =>
            s.CreateAsync(Input("Martin", new DateOnly(2026, 5, 1), new DateOnly(2026, 4, 30)))));

        var error = Assert.Single(ex.Errors);
        Assert.Equal("HabilitatedUntil", error.Field);
        Assert.Equal("La fin de l'habilitation ne peut pas précéder son début (01/05/2026).", error.Message);
        await _factory.WithDbAsync(async db => Assert.Equal(0, await db.Evaluators.CountAsync()));
    }

    [Fact]
    public async Task Start_date_role_and_names_are_required_and_email_must_be_valid()
    {
        var (secretariat, _) = await _factory.CreateSecretariatAsync();

        var ex = await Assert.ThrowsAsync<InputValidationException>(() => AsSecretariat(secretariat, s =>
            s.CreateAsync(new EvaluatorInput { Email = "pas une adresse" })));

        Assert.Equal(["LastName", "FirstName", "Email", "Role", "HabilitatedFrom"], ex.Errors.Select(e => e.Field));
        Assert.Equal("Indiquez la date de début de l'habilitation.", ex.Errors[^1].Message);
        Assert.Equal("Cette adresse électronique n'est pas valide.", ex.Errors[2].Message);
    }

    [Fact]
    public async Task Evaluator_is_edited_and_the_domain_sees_the_new_dates()
    {
        var (secretariat, _) = await _factory.CreateSecretariatAsync();
        var id = await AsSecretariat(secretariat, s => s.CreateAsync(Input("Martin", new DateOnly(2024, 1, 1))));
        var input = await AsSecretariat(secretariat, s => s.GetForEditAsync(id));
        input.HabilitatedUntil = new DateOnly(2025, 12, 31);
        input.Email = "c.martin@exemple.fr";

        await AsSecretariat(secretariat, async s =>
        {
            await s.UpdateAsync(id, input);
            return true;
        });

        await _factory.WithDbAsync(async db =>
        {
            var saved = await db.Evaluators.SingleAsync(e => e.Id == id);
            Assert.False(saved.ToDomain().IsHabilitatedOn(new DateOnly(2026, 11, 27)));
            Assert.Equal("c.martin@exemple.fr", saved.Email);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Modification d'un évaluateur"));
        });
    }

    [Fact]
    public async Task Jury_member_is_refused_evaluator_actions()
    {
        var (_, email, _) = await _factory.CreateMemberWithAccountAsync("Paul", "Martin", Seat.EmployerRepresentative);

        await _factory.AsUserAsync(email, async sp =>
        {
            var service = sp.GetRequiredService<EvaluatorService>();
            await Assert.ThrowsAsync<AccessDeniedException>(() => service.ListAsync());
            await Assert.ThrowsAsync<AccessDeniedException>(() => service.CreateAsync(Input("X", new DateOnly(2026, 1, 1))));
        });
    }

    public void Dispose() => _factory.Dispose();
}

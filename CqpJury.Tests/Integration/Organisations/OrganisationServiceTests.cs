using CqpJury.App.Data.Entities;
using CqpJury.App.Services;
using CqpJury.App.Services.Organisations;
using CqpJury.Domain.Juries;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Tests.Integration.Organisations;

public sealed class OrganisationServiceTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    private Task<T> AsSecretariat<T>(string email, Func<OrganisationService, Task<T>> work) =>
        _factory.AsUserAsync(email, sp => work(sp.GetRequiredService<OrganisationService>()));

    [Fact]
    public async Task Organisation_is_created_with_its_SIRET_without_spaces_and_audited()
    {
        var (secretariat, _) = await _factory.CreateSecretariatAsync();

        var id = await AsSecretariat(secretariat, s => s.CreateAsync(new OrganisationInput
        {
            Name = "  Formations Horizon SARL ",
            Kind = OrganisationKind.Employer,
            Siret = "732 829 320 00074",
            City = "Lyon",
        }));

        await _factory.WithDbAsync(async db =>
        {
            var saved = await db.Organisations.SingleAsync(o => o.Id == id);
            Assert.Equal("Formations Horizon SARL", saved.Name);
            Assert.Equal("73282932000074", saved.Siret);
            Assert.Equal("Lyon", saved.City);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Création d'une organisation"));
        });
        var view = Assert.Single(await AsSecretariat(secretariat, s => s.ListAsync()));
        Assert.Equal("732 829 320 00074", view.SiretText);
        Assert.Equal("Entreprise", view.KindText);
    }

    [Theory]
    [InlineData("1234567890123", "Le SIRET doit comporter 14 chiffres.")]
    [InlineData("732829320000745", "Le SIRET doit comporter 14 chiffres.")]
    [InlineData("7328293200007A", "Le SIRET doit comporter 14 chiffres.")]
    [InlineData("73282932000075", "Ce SIRET n'est pas valide (clé de contrôle).")]
    [InlineData("12345678901234", "Ce SIRET n'est pas valide (clé de contrôle).")]
    public async Task Invalid_SIRET_is_refused_in_French_and_nothing_is_saved(string siret, string message)
    {
        var (secretariat, _) = await _factory.CreateSecretariatAsync();

        var ex = await Assert.ThrowsAsync<InputValidationException>(() => AsSecretariat(secretariat, s => s.CreateAsync(
            new OrganisationInput { Name = "Institut Méridien", Kind = OrganisationKind.TrainingOrganisation, Siret = siret })));

        var error = Assert.Single(ex.Errors);
        Assert.Equal("Siret", error.Field);
        Assert.Equal(message, error.Message);
        await _factory.WithDbAsync(async db => Assert.Equal(0, await db.Organisations.CountAsync()));
    }

    [Fact]
    public async Task Duplicate_SIRET_is_refused_on_create_and_on_edit()
    {
        var (secretariat, _) = await _factory.CreateSecretariatAsync();
        await AsSecretariat(secretariat, s => s.CreateAsync(new OrganisationInput { Name = "A", Kind = OrganisationKind.Employer, Siret = "73282932000074" }));
        var other = await AsSecretariat(secretariat, s => s.CreateAsync(new OrganisationInput { Name = "B", Kind = OrganisationKind.Employer, Siret = "44306184100047" }));

        var onCreate = await Assert.ThrowsAsync<InputValidationException>(() => AsSecretariat(secretariat, s => s.CreateAsync(
            new OrganisationInput { Name = "C", Kind = OrganisationKind.TrainingOrganisation, Siret = "732 829 320 00074" })));
        Assert.Equal("Une organisation porte déjà ce SIRET.", Assert.Single(onCreate.Errors).Message);

        var onEdit = await Assert.ThrowsAsync<InputValidationException>(() => AsSecretariat(secretariat, async s =>
        {
            await s.UpdateAsync(other, new OrganisationInput { Name = "B renommée", Kind = OrganisationKind.Employer, Siret = "73282932000074" });
            return true;
        }));
        Assert.Equal("Une organisation porte déjà ce SIRET.", Assert.Single(onEdit.Errors).Message);

        await _factory.WithDbAsync(async db =>
        {
            Assert.Equal(2, await db.Organisations.CountAsync());
            Assert.Equal("B", (await db.Organisations.SingleAsync(o => o.Id == other)).Name);
        });

        // Keeping its own SIRET is not a duplicate.
        await AsSecretariat(secretariat, async s =>
        {
            await s.UpdateAsync(other, new OrganisationInput { Name = "B renommée", Kind = OrganisationKind.Employer, Siret = "44306184100047" });
            return true;
        });
    }

    [Fact]
    public async Task Missing_name_and_kind_are_both_reported()
    {
        var (secretariat, _) = await _factory.CreateSecretariatAsync();

        var ex = await Assert.ThrowsAsync<InputValidationException>(() => AsSecretariat(secretariat, s => s.CreateAsync(
            new OrganisationInput { Name = " ", Siret = "123" })));

        Assert.Equal(["Name", "Kind", "Siret"], ex.Errors.Select(e => e.Field));
        Assert.Equal("Indiquez le nom de l'organisation.", ex.Errors[0].Message);
    }

    [Fact]
    public async Task List_is_filtered_by_kind_and_sorted_by_name()
    {
        var (secretariat, _) = await _factory.CreateSecretariatAsync();
        await AsSecretariat(secretariat, s => s.CreateAsync(new OrganisationInput { Name = "Zénith Conseil", Kind = OrganisationKind.Employer }));
        await AsSecretariat(secretariat, s => s.CreateAsync(new OrganisationInput { Name = "Atelier Formation", Kind = OrganisationKind.TrainingOrganisation }));
        await AsSecretariat(secretariat, s => s.CreateAsync(new OrganisationInput { Name = "Équinoxe SAS", Kind = OrganisationKind.Employer }));

        var employers = await AsSecretariat(secretariat, s => s.ListAsync(OrganisationKind.Employer));
        var all = await AsSecretariat(secretariat, s => s.ListAsync());

        Assert.Equal(["Équinoxe SAS", "Zénith Conseil"], employers.Select(o => o.Name));
        Assert.Equal(["Atelier Formation", "Équinoxe SAS", "Zénith Conseil"], all.Select(o => o.Name));
    }

    [Fact]
    public async Task Jury_member_is_refused_organisation_actions()
    {
        var (_, email, _) = await _factory.CreateMemberWithAccountAsync("Paul", "Martin", Seat.EmployerRepresentative);

        await _factory.AsUserAsync(email, async sp =>
        {
            var service = sp.GetRequiredService<OrganisationService>();
            await Assert.ThrowsAsync<AccessDeniedException>(() => service.ListAsync());
            var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => service.CreateAsync(new OrganisationInput { Name = "X", Kind = OrganisationKind.Employer }));
            Assert.Equal("Cette action est réservée au secrétariat de la CPEF.", ex.Message);
        });
        await _factory.WithDbAsync(async db => Assert.Equal(0, await db.Organisations.CountAsync()));
    }

    [Theory]
    [InlineData("73282932000074", true)]
    [InlineData("44306184100047", true)]
    [InlineData("35600000000048", true)]
    [InlineData("35600000012346", true)] // La Poste: digit sum multiple of 5
    [InlineData("73282932000075", false)]
    public void Siret_checksum_follows_Luhn_with_the_La_Poste_exception(string siret, bool valid) =>
        Assert.Equal(valid, SiretNumber.HasValidChecksum(siret));

    public void Dispose() => _factory.Dispose();
}

using CqpJury.App.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CqpJury.App.Data.Configurations;

/// <summary>Employers and training organisations (R10: the links members declare point here).</summary>
internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> e)
    {
        e.Property(o => o.Name).HasMaxLength(200).IsRequired();
        e.Property(o => o.Siret).HasMaxLength(14);
        e.Property(o => o.City).HasMaxLength(100);
        e.Property(o => o.ContactEmail).HasMaxLength(200);
        e.HasIndex(o => o.Siret).IsUnique();
    }
}

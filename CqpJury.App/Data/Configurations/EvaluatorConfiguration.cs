using CqpJury.App.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CqpJury.App.Data.Configurations;

/// <summary>Habilitated evaluators (R7).</summary>
internal sealed class EvaluatorConfiguration : IEntityTypeConfiguration<EvaluatorEntity>
{
    public void Configure(EntityTypeBuilder<EvaluatorEntity> e)
    {
        e.ToTable("Evaluators");
        e.Property(x => x.LastName).HasMaxLength(100).IsRequired();
        e.Property(x => x.FirstName).HasMaxLength(100).IsRequired();
        e.Property(x => x.Email).HasMaxLength(200);
        e.Ignore(x => x.FullName);
    }
}

using CqpJury.App.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CqpJury.App.Data.Configurations;

/// <summary>
/// The live room's facts: attendance, presidency designation (R9), conflict declarations (R10) and
/// stand-asides for parity (R10.1).
/// </summary>
internal sealed class SessionAttendanceConfiguration : IEntityTypeConfiguration<SessionAttendance>
{
    public void Configure(EntityTypeBuilder<SessionAttendance> e)
    {
        e.ToTable("SessionAttendances");
        e.HasKey(x => new { x.SessionId, x.JuryMemberId });
    }
}

internal sealed class PresidencyEventConfiguration : IEntityTypeConfiguration<PresidencyEvent>
{
    public void Configure(EntityTypeBuilder<PresidencyEvent> e)
    {
        e.ToTable("PresidencyEvents");
        e.HasIndex(x => x.SessionId);
    }
}

internal sealed class ConflictDeclarationConfiguration : IEntityTypeConfiguration<ConflictDeclaration>
{
    public void Configure(EntityTypeBuilder<ConflictDeclaration> e)
    {
        e.ToTable("ConflictDeclarations");
        e.Property(x => x.Reason).HasMaxLength(1000);
        e.HasIndex(x => new { x.SessionId, x.DossierId, x.JuryMemberId }).IsUnique();
    }
}

internal sealed class StandAsideConfiguration : IEntityTypeConfiguration<StandAside>
{
    public void Configure(EntityTypeBuilder<StandAside> e)
    {
        e.ToTable("StandAsides");
        e.HasIndex(x => new { x.SessionId, x.DossierId, x.JuryMemberId }).IsUnique();
    }
}

/// <summary>R16: the confidentiality commitment accepted by a member for a session (once).</summary>
internal sealed class ConfidentialityAcceptanceConfiguration : IEntityTypeConfiguration<ConfidentialityAcceptance>
{
    public void Configure(EntityTypeBuilder<ConfidentialityAcceptance> e)
    {
        e.ToTable("ConfidentialityAcceptances");
        e.HasKey(x => new { x.SessionId, x.JuryMemberId });
    }
}

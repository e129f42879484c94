namespace CqpJury.App.Data;

/// <summary>
/// R12 in the database itself: a signed decision is final, an issued document keeps its bytes.
/// Triggers refuse to change or delete a signed deliberation row, to delete an issued document's
/// record, or to change what identifies its file (stored name, fingerprints, code, issuance).
/// Created by the migration <c>FinalDecisions</c> of each provider; BEFORE triggers only (SQLite's
/// RETURNING clause, used by EF Core, does not mix with AFTER triggers). The texts are kept here,
/// once: a later change goes in a new migration that drops and recreates them.
/// </summary>
public static class FinalityTriggers
{
    /// <summary>The message (in the database error) of a refused change.</summary>
    public const string SignedDecisionMessage = "R12: a signed decision is final";

    public const string IssuedDocumentMessage = "R12: an issued document is final";

    private const string IssuedColumns = "\"SessionId\", \"DossierId\", \"Kind\", \"VerificationCode\", \"ContentHash\", \"FileSha256\", \"StoredFileName\", \"SizeBytes\", \"IssuedAt\"";

    public static readonly string[] SqliteCreate =
    [
        $"""
        CREATE TRIGGER "TR_Deliberations_SignedIsFinal_Update" BEFORE UPDATE ON "Deliberations"
        WHEN OLD."SignedAt" IS NOT NULL
        BEGIN SELECT RAISE(ABORT, '{SignedDecisionMessage}'); END;
        """,
        $"""
        CREATE TRIGGER "TR_Deliberations_SignedIsFinal_Delete" BEFORE DELETE ON "Deliberations"
        WHEN OLD."SignedAt" IS NOT NULL
        BEGIN SELECT RAISE(ABORT, '{SignedDecisionMessage}'); END;
        """,
        $"""
        CREATE TRIGGER "TR_IssuedDocuments_IsFinal_Update" BEFORE UPDATE OF {IssuedColumns} ON "IssuedDocuments"
        BEGIN SELECT RAISE(ABORT, '{IssuedDocumentMessage}'); END;
        """,
        $"""
        CREATE TRIGGER "TR_IssuedDocuments_IsFinal_Delete" BEFORE DELETE ON "IssuedDocuments"
        BEGIN SELECT RAISE(ABORT, '{IssuedDocumentMessage}'); END;
        """,
    ];

    public static readonly string[] SqliteDrop =
    [
        "DROP TRIGGER IF EXISTS \"TR_Deliberations_SignedIsFinal_Update\";",
        "DROP TRIGGER IF EXISTS \"TR_Deliberations_SignedIsFinal_Delete\";",
        "DROP TRIGGER IF EXISTS \"TR_IssuedDocuments_IsFinal_Update\";",
        "DROP TRIGGER IF EXISTS \"TR_IssuedDocuments_IsFinal_Delete\";",
    ];

    public static readonly string[] PostgresCreate =
    [
        """
        CREATE FUNCTION cqpjury_refuse_final_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
        END
        $$;
        """,
        $"""
        CREATE TRIGGER "TR_Deliberations_SignedIsFinal" BEFORE UPDATE OR DELETE ON "Deliberations"
        FOR EACH ROW WHEN (OLD."SignedAt" IS NOT NULL) EXECUTE FUNCTION cqpjury_refuse_final_change('{SignedDecisionMessage}');
        """,
        $"""
        CREATE TRIGGER "TR_IssuedDocuments_IsFinal_Update" BEFORE UPDATE OF {IssuedColumns} ON "IssuedDocuments"
        FOR EACH ROW EXECUTE FUNCTION cqpjury_refuse_final_change('{IssuedDocumentMessage}');
        """,
        $"""
        CREATE TRIGGER "TR_IssuedDocuments_IsFinal_Delete" BEFORE DELETE ON "IssuedDocuments"
        FOR EACH ROW EXECUTE FUNCTION cqpjury_refuse_final_change('{IssuedDocumentMessage}');
        """,
    ];

    public static readonly string[] PostgresDrop =
    [
        "DROP TRIGGER IF EXISTS \"TR_Deliberations_SignedIsFinal\" ON \"Deliberations\";",
        "DROP TRIGGER IF EXISTS \"TR_IssuedDocuments_IsFinal_Update\" ON \"IssuedDocuments\";",
        "DROP TRIGGER IF EXISTS \"TR_IssuedDocuments_IsFinal_Delete\" ON \"IssuedDocuments\";",
        "DROP FUNCTION IF EXISTS cqpjury_refuse_final_change();",
    ];
}

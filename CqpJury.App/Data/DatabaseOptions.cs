namespace CqpJury.App.Data;

/// <summary>Which database engine (setting <c>Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Where the data lives: the database, and the folder of uploaded documents.</summary>
public sealed class DataPaths
{
    /// <summary>The folder for files (documents, issued PDFs): <c>Storage:Root</c>, default <c>data</c> under the content root.</summary>
    public required string Root { get; init; }

    public string Documents => Path.Combine(Root, "documents");
}

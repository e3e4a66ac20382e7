using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DailyPapers.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "authors",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_authors", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "change_counter",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_change_counter", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "job_cursors",
                columns: table => new
                {
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_job_cursors", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "papers",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    arxiv_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    @abstract = table.Column<string>(name: "abstract", type: "TEXT", nullable: true),
                    categories = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    primary_category = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    published_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    comments = table.Column<string>(type: "TEXT", nullable: true),
                    journal_ref = table.Column<string>(type: "TEXT", nullable: true),
                    doi = table.Column<string>(type: "TEXT", nullable: true),
                    code_url = table.Column<string>(type: "TEXT", nullable: true),
                    project_url = table.Column<string>(type: "TEXT", nullable: true),
                    github_stars = table.Column<int>(type: "INTEGER", nullable: true),
                    ai_summary = table.Column<string>(type: "TEXT", nullable: true),
                    ai_keywords = table.Column<string>(type: "TEXT", nullable: true),
                    upvotes = table.Column<int>(type: "INTEGER", nullable: false),
                    num_comments = table.Column<int>(type: "INTEGER", nullable: false),
                    change_seq = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    modified_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_papers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "daily_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    paper_id = table.Column<long>(type: "INTEGER", nullable: false),
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    submitted_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    submitted_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    source = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_daily_entries", x => x.id);
                    table.ForeignKey(
                        name: "fk_daily_entries_papers_paper_id",
                        column: x => x.paper_id,
                        principalTable: "papers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "paper_authors",
                columns: table => new
                {
                    paper_id = table.Column<long>(type: "INTEGER", nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    author_id = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_paper_authors", x => new { x.paper_id, x.position });
                    table.ForeignKey(
                        name: "fk_paper_authors_authors_author_id",
                        column: x => x.author_id,
                        principalTable: "authors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_paper_authors_papers_paper_id",
                        column: x => x.paper_id,
                        principalTable: "papers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "change_counter",
                columns: new[] { "id", "value" },
                values: new object[] { 1, 0L });

            migrationBuilder.CreateIndex(
                name: "ix_authors_name",
                table: "authors",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_daily_entries_day_paper_id",
                table: "daily_entries",
                columns: new[] { "day", "paper_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_daily_entries_paper_id",
                table: "daily_entries",
                column: "paper_id");

            migrationBuilder.CreateIndex(
                name: "ix_paper_authors_author_id",
                table: "paper_authors",
                column: "author_id");

            migrationBuilder.CreateIndex(
                name: "ix_papers_arxiv_id",
                table: "papers",
                column: "arxiv_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_papers_change_seq",
                table: "papers",
                column: "change_seq");

            migrationBuilder.CreateIndex(
                name: "ix_papers_published_at",
                table: "papers",
                column: "published_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "change_counter");

            migrationBuilder.DropTable(
                name: "daily_entries");

            migrationBuilder.DropTable(
                name: "job_cursors");

            migrationBuilder.DropTable(
                name: "paper_authors");

            migrationBuilder.DropTable(
                name: "authors");

            migrationBuilder.DropTable(
                name: "papers");
        }
    }
}

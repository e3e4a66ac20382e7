using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DailyPapers.Data.Migrations.Postgres
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_authors", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "change_counter",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    value = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_change_counter", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "job_cursors",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    value = table.Column<string>(type: "text", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_job_cursors", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "papers",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    arxiv_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    @abstract = table.Column<string>(name: "abstract", type: "text", nullable: true),
                    categories = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    primary_category = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    published_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    comments = table.Column<string>(type: "text", nullable: true),
                    journal_ref = table.Column<string>(type: "text", nullable: true),
                    doi = table.Column<string>(type: "text", nullable: true),
                    code_url = table.Column<string>(type: "text", nullable: true),
                    project_url = table.Column<string>(type: "text", nullable: true),
                    github_stars = table.Column<int>(type: "integer", nullable: true),
                    ai_summary = table.Column<string>(type: "text", nullable: true),
                    ai_keywords = table.Column<string>(type: "text", nullable: true),
                    upvotes = table.Column<int>(type: "integer", nullable: false),
                    num_comments = table.Column<int>(type: "integer", nullable: false),
                    change_seq = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    modified_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_papers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "daily_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    paper_id = table.Column<long>(type: "bigint", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    submitted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    submitted_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    source = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
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
                    paper_id = table.Column<long>(type: "bigint", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    author_id = table.Column<long>(type: "bigint", nullable: false)
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

using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DailyPapers.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IndexSnapshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "index_snapshots",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    model_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    dimensions = table.Column<int>(type: "integer", nullable: false),
                    quantization = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    keyword_schema = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    keyword_watermark = table.Column<long>(type: "bigint", nullable: false),
                    vector_watermark = table.Column<long>(type: "bigint", nullable: false),
                    length = table.Column<long>(type: "bigint", nullable: false),
                    chunk_count = table.Column<int>(type: "integer", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    complete = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_index_snapshots", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "index_snapshot_chunks",
                columns: table => new
                {
                    snapshot_id = table.Column<long>(type: "bigint", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    data = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_index_snapshot_chunks", x => new { x.snapshot_id, x.position });
                    table.ForeignKey(
                        name: "fk_index_snapshot_chunks_index_snapshots_snapshot_id",
                        column: x => x.snapshot_id,
                        principalTable: "index_snapshots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_index_snapshots_created_at",
                table: "index_snapshots",
                column: "created_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "index_snapshot_chunks");

            migrationBuilder.DropTable(
                name: "index_snapshots");
        }
    }
}

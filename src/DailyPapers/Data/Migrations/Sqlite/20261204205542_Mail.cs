using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DailyPapers.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Mail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "site_secrets",
                columns: table => new
                {
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    value = table.Column<byte[]>(type: "BLOB", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_site_secrets", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "subscriptions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    address = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    state_changed_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    confirmed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    unsubscribed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    bouncing_since = table.Column<DateTime>(type: "TEXT", nullable: true),
                    token_generation = table.Column<int>(type: "INTEGER", nullable: false),
                    last_notice_queued_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    frequency = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    send_hour = table.Column<int>(type: "INTEGER", nullable: false),
                    time_zone = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    papers_per_digest = table.Column<int>(type: "INTEGER", nullable: false),
                    include_categories = table.Column<string>(type: "TEXT", nullable: true),
                    exclude_categories = table.Column<string>(type: "TEXT", nullable: true),
                    include_keywords = table.Column<string>(type: "TEXT", nullable: true),
                    exclude_keywords = table.Column<string>(type: "TEXT", nullable: true),
                    never_send_twice = table.Column<bool>(type: "INTEGER", nullable: false),
                    send_when_empty = table.Column<bool>(type: "INTEGER", nullable: false),
                    last_digest_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_skip_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subscriptions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outbox",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    subscription_id = table.Column<long>(type: "INTEGER", nullable: true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    recipient = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    html = table.Column<string>(type: "TEXT", nullable: false),
                    text = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    next_attempt_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    lease_owner = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    lease_until = table.Column<DateTime>(type: "TEXT", nullable: true),
                    sent_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    failed_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox", x => x.id);
                    table.ForeignKey(
                        name: "fk_outbox_subscriptions_subscription_id",
                        column: x => x.subscription_id,
                        principalTable: "subscriptions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "saved_searches",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    subscription_id = table.Column<long>(type: "INTEGER", nullable: false),
                    query = table.Column<string>(type: "TEXT", maxLength: 250, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_saved_searches", x => x.id);
                    table.ForeignKey(
                        name: "fk_saved_searches_subscriptions_subscription_id",
                        column: x => x.subscription_id,
                        principalTable: "subscriptions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sent_papers",
                columns: table => new
                {
                    subscription_id = table.Column<long>(type: "INTEGER", nullable: false),
                    paper_id = table.Column<long>(type: "INTEGER", nullable: false),
                    sent_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sent_papers", x => new { x.subscription_id, x.paper_id });
                    table.ForeignKey(
                        name: "fk_sent_papers_papers_paper_id",
                        column: x => x.paper_id,
                        principalTable: "papers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_sent_papers_subscriptions_subscription_id",
                        column: x => x.subscription_id,
                        principalTable: "subscriptions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_key",
                table: "outbox",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_sent_at_failed_at_next_attempt_at",
                table: "outbox",
                columns: new[] { "sent_at", "failed_at", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_subscription_id",
                table: "outbox",
                column: "subscription_id");

            migrationBuilder.CreateIndex(
                name: "ix_saved_searches_subscription_id",
                table: "saved_searches",
                column: "subscription_id");

            migrationBuilder.CreateIndex(
                name: "ix_sent_papers_paper_id",
                table: "sent_papers",
                column: "paper_id");

            migrationBuilder.CreateIndex(
                name: "ix_subscriptions_address",
                table: "subscriptions",
                column: "address",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "outbox");

            migrationBuilder.DropTable(
                name: "saved_searches");

            migrationBuilder.DropTable(
                name: "sent_papers");

            migrationBuilder.DropTable(
                name: "site_secrets");

            migrationBuilder.DropTable(
                name: "subscriptions");
        }
    }
}

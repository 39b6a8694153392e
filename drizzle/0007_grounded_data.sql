CREATE TABLE "environment_data" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"domain_id" uuid,
	"file_name" text NOT NULL,
	"bytes" integer NOT NULL,
	"rows" integer NOT NULL,
	"tables" jsonb NOT NULL,
	"sha256" text NOT NULL,
	"state" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reference_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"environment_version_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"tasks" integer NOT NULL,
	"score" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "environment_versions" ADD COLUMN "data_id" uuid;--> statement-breakpoint
ALTER TABLE "environment_data" ADD CONSTRAINT "environment_data_domain_id_domains_id_fk" FOREIGN KEY ("domain_id") REFERENCES "public"."domains"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reference_checks" ADD CONSTRAINT "reference_checks_environment_version_id_environment_versions_id_fk" FOREIGN KEY ("environment_version_id") REFERENCES "public"."environment_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "environment_data_domain_idx" ON "environment_data" USING btree ("domain_id");--> statement-breakpoint
CREATE INDEX "reference_checks_version_idx" ON "reference_checks" USING btree ("environment_version_id","created_at");--> statement-breakpoint
ALTER TABLE "environment_versions" ADD CONSTRAINT "environment_versions_data_id_environment_data_id_fk" FOREIGN KEY ("data_id") REFERENCES "public"."environment_data"("id") ON DELETE restrict ON UPDATE no action;
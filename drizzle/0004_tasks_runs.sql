CREATE TABLE "runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"settings" jsonb NOT NULL,
	"task_ids" jsonb NOT NULL,
	"total" integer NOT NULL,
	"job_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "tasks_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"environment_version_id" uuid NOT NULL,
	"domain_id" uuid,
	"domain_name" text NOT NULL,
	"seed" integer NOT NULL,
	"fingerprint" text NOT NULL,
	"read_only" boolean NOT NULL,
	"length" integer NOT NULL,
	"calls" jsonb NOT NULL,
	"initial_state" jsonb NOT NULL,
	"final_state" jsonb NOT NULL,
	"intent" text NOT NULL,
	"intent_writer" text NOT NULL,
	"settings" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trajectories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "trajectories_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"run_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"environment_version_id" uuid NOT NULL,
	"domain_id" uuid,
	"domain_name" text NOT NULL,
	"status" text NOT NULL,
	"error" text,
	"messages" jsonb NOT NULL,
	"steps" jsonb NOT NULL,
	"final_state" jsonb,
	"verdict" jsonb NOT NULL,
	"passed" boolean NOT NULL,
	"validity" boolean NOT NULL,
	"state_aligned" boolean NOT NULL,
	"exact" boolean NOT NULL,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"noise_applied" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"policies" jsonb NOT NULL,
	"turns" integer NOT NULL,
	"calls" integer NOT NULL,
	"seed" integer NOT NULL,
	"ms" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_environment_version_id_environment_versions_id_fk" FOREIGN KEY ("environment_version_id") REFERENCES "public"."environment_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_domain_id_domains_id_fk" FOREIGN KEY ("domain_id") REFERENCES "public"."domains"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectories" ADD CONSTRAINT "trajectories_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectories" ADD CONSTRAINT "trajectories_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectories" ADD CONSTRAINT "trajectories_environment_version_id_environment_versions_id_fk" FOREIGN KEY ("environment_version_id") REFERENCES "public"."environment_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectories" ADD CONSTRAINT "trajectories_domain_id_domains_id_fk" FOREIGN KEY ("domain_id") REFERENCES "public"."domains"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "runs_created_idx" ON "runs" USING btree ("created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_version_fingerprint_idx" ON "tasks" USING btree ("environment_version_id","fingerprint");--> statement-breakpoint
CREATE INDEX "tasks_domain_idx" ON "tasks" USING btree ("domain_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_seq_idx" ON "tasks" USING btree ("seq");--> statement-breakpoint
CREATE UNIQUE INDEX "trajectories_run_task_idx" ON "trajectories" USING btree ("run_id","task_id");--> statement-breakpoint
CREATE INDEX "trajectories_run_idx" ON "trajectories" USING btree ("run_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "trajectories_seq_idx" ON "trajectories" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "trajectories_task_idx" ON "trajectories" USING btree ("task_id");
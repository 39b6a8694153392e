CREATE TABLE "evaluation_trials" (
	"evaluation_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"trial" integer NOT NULL,
	"environment_version_id" uuid NOT NULL,
	"domain_id" uuid,
	"domain_name" text NOT NULL,
	"status" text NOT NULL,
	"passed" boolean NOT NULL,
	"validity" boolean NOT NULL,
	"state_aligned" boolean NOT NULL,
	"exact" boolean NOT NULL,
	"failure" text,
	"failed_tool" text,
	"reason" text NOT NULL,
	"noise_applied" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"calls" integer NOT NULL,
	"turns" integer NOT NULL,
	"ms" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluation_trials_evaluation_id_task_id_trial_pk" PRIMARY KEY("evaluation_id","task_id","trial")
);
--> statement-breakpoint
CREATE TABLE "evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"settings" jsonb NOT NULL,
	"scope" jsonb NOT NULL,
	"task_ids" jsonb NOT NULL,
	"k" integer NOT NULL,
	"total" integer NOT NULL,
	"job_id" uuid,
	"summary" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "split" text DEFAULT 'train' NOT NULL;--> statement-breakpoint
ALTER TABLE "evaluation_trials" ADD CONSTRAINT "evaluation_trials_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_trials" ADD CONSTRAINT "evaluation_trials_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_trials" ADD CONSTRAINT "evaluation_trials_domain_id_domains_id_fk" FOREIGN KEY ("domain_id") REFERENCES "public"."domains"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evaluations_created_idx" ON "evaluations" USING btree ("created_at","id");
select "id", "code", "archived" from "engagement" where "code" = ?;

select count(*) as n from (select rowid as id from event_fts where event_fts match ? limit ?) m;

select "event"."id", event.start_at as "k0", event.id as "k1" from "event" where (event.deleted_at is null and event.engagement_id = ?) order by event.start_at desc, event.id desc limit ?;

select rowid as id from event_fts where event_fts match ? and rowid >= ? and rowid <= ? order by rowid;

select count(*) as fetched, count(event.id) as ok, max(m.id) as last from (select rowid as id from event_fts where event_fts match ? and rowid > ? order by rowid limit ?) m left join event on event.id = m.id and event.deleted_at is null and event.engagement_id = ?;

select "event"."id", "g"."code" as "engagement_code", "event"."engagement_id", "event"."start_at", "event"."end_at", "op"."username" as "operator", "s"."id" as "s_id", "s"."host" as "s_host", "s"."user" as "s_user", "s"."process" as "s_process", "s"."red_team_infrastructure" as "s_rti", "t"."id" as "t_id", "t"."host" as "t_host", "t"."user" as "t_user", "t"."process" as "t_process", "t"."red_team_infrastructure" as "t_rti", "event"."tactic_id", "event"."technique_id", "event"."subtechnique_id", "ta"."name" as "tactic_name", "te"."name" as "technique_name", "st"."name" as "subtechnique_name", "event"."description", "event"."raw_evidence", "event"."outcome", "event"."detected", "event"."prevented", "event"."starred", "event"."version", "cb"."username" as "created_by_name", "ub"."username" as "updated_by_name", "event"."created_at", "event"."updated_at" from "event" inner join "engagement" as "g" on "g"."id" = "event"."engagement_id" inner join "context" as "s" on "s"."id" = "event"."source_context_id" inner join "context" as "t" on "t"."id" = "event"."target_context_id" left join "app_user" as "op" on "op"."id" = "event"."operator_user_id" left join "app_user" as "cb" on "cb"."id" = "event"."created_by" left join "app_user" as "ub" on "ub"."id" = "event"."updated_by" left join "attack_tactic" as "ta" on "ta"."id" = "event"."tactic_id" left join "attack_technique" as "te" on "te"."id" = "event"."technique_id" left join "attack_technique" as "st" on "st"."id" = "event"."subtechnique_id" where "event"."id" in (?, ?) and "event"."deleted_at" is null;

select "event_tag"."event_id", "tag"."name" from "event_tag" inner join "tag" on "tag"."id" = "event_tag"."tag_id" where "event_tag"."event_id" in (?, ?) order by "tag"."name_lower";

select "file_distribution"."id", "file_distribution"."event_id", "file_distribution"."file_id", "file_distribution"."location", "file_distribution"."removed", "file"."filename", "file"."size", "file"."md5", "file"."sha1", "file"."sha256", "file"."description" from "file_distribution" inner join "file" on "file"."id" = "file_distribution"."file_id" where "file_distribution"."event_id" in (?, ?) order by "file_distribution"."id";

select * from (select "attachment"."event_id", "attachment"."id", "attachment"."filename", "attachment"."content_type", count(*) over (partition by attachment.event_id) as "n", row_number() over (partition by attachment.event_id order by attachment.id) as "rn" from "attachment" where "attachment"."event_id" in (?, ?) and "attachment"."storage" <> ? and "attachment"."shared" = ?) as "a" where "a"."rn" <= ? order by "a"."event_id", "a"."id";

select "event_id", "engagement_id", "red_team_only", count(*) as "n" from "event_comment" where "event_id" in (?, ?) and "deleted_at" is null group by "event_id", "engagement_id", "red_team_only";

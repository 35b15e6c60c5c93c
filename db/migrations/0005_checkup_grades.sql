ALTER TABLE `checkups` ADD `grades` text DEFAULT '{"A":0,"B":0,"C":0,"D":0}' NOT NULL;--> statement-breakpoint
-- Checkups imported before this column: count their stored grades once.
UPDATE `checkups` SET `grades` = (
  SELECT json_object('A', coalesce(sum(g = 'A'), 0), 'B', coalesce(sum(g = 'B'), 0), 'C', coalesce(sum(g = 'C'), 0), 'D', coalesce(sum(g = 'D'), 0))
  FROM (SELECT json_extract(value, '$.grade') AS g FROM json_each(`checkups`.`results`))
);

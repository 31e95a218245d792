-- How many councils search.sql would list without its limit.
SELECT COUNT(*)
  FROM council c
 WHERE (CAST(:status AS VARCHAR(16)) IS NULL OR c.status = :status)
   AND (CAST(:pattern AS VARCHAR(300)) IS NULL
        OR LOWER(c.name) LIKE :pattern ESCAPE '!'
        OR LOWER(c.short_name) LIKE :pattern ESCAPE '!'
        OR LOWER(c.code) LIKE :pattern ESCAPE '!'
        OR EXISTS (SELECT 1 FROM council_domain d
                    WHERE d.council_id = c.id AND d.domain LIKE :pattern ESCAPE '!'))

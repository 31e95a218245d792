-- Councils of one status (or any, when :status is null) whose name, short name or one of its
-- domains matches the LIKE :pattern (or any, when null); pending first, as they need an admin.
SELECT c.id, c.code, c.name, c.short_name, c.nation, c.council_type, c.status, c.status_reason
  FROM council c
 WHERE (CAST(:status AS VARCHAR(16)) IS NULL OR c.status = :status)
   AND (CAST(:pattern AS VARCHAR(300)) IS NULL
        OR LOWER(c.name) LIKE :pattern ESCAPE '!'
        OR LOWER(c.short_name) LIKE :pattern ESCAPE '!'
        OR LOWER(c.code) LIKE :pattern ESCAPE '!'
        OR EXISTS (SELECT 1 FROM council_domain d
                    WHERE d.council_id = c.id AND d.domain LIKE :pattern ESCAPE '!'))
 ORDER BY CASE c.status WHEN 'pending' THEN 0 ELSE 1 END, LOWER(c.name), c.id
 LIMIT :limit

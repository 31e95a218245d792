-- Specialists for a search, best first, from a set of candidates (a user_id and an overlap each), which is
-- either the specialists having matched skills (through the skill index) or those whose job title or bio
-- matches. Only searchable specialists of other councils with hours left this week or next are returned,
-- those with hours left in the week searched first, so that one query also tells whether the other week
-- would have found someone.
-- Hours left come from the week rows; a week nobody has asked about yet has no row, and then offers what
-- CapacityDao.REFRESH_OFFERS would give a fresh row, the default capped by the permission valid that week.
-- Equal overlap and hours left go to whoever was booked least recently.
SELECT r.user_id, r.job_title, r.bio, r.council_name, r.overlap, r.left_this_week, r.left_next_week
FROM (
    SELECT l.user_id, l.job_title, l.bio, l.council_name, matched.overlap,
           COALESCE(tw.offered_minutes - tw.held_minutes - tw.booked_minutes,
                    CASE WHEN l.permission_expires_on > :thisWeek
                         THEN LEAST(l.default_minutes, l.permission_cap_minutes) ELSE 0 END) AS left_this_week,
           COALESCE(nw.offered_minutes - nw.held_minutes - nw.booked_minutes,
                    CASE WHEN l.permission_expires_on > :nextWeek
                         THEN LEAST(l.default_minutes, l.permission_cap_minutes) ELSE 0 END) AS left_next_week,
           (SELECT MAX(b.created_at) FROM booking b
             WHERE b.specialist_id = l.user_id AND b.status IN ('requested', 'accepted')) AS last_booked_at
    FROM (<candidates>) matched
    JOIN specialist_listing l ON l.user_id = matched.user_id
    LEFT JOIN specialist_week tw ON tw.user_id = l.user_id AND tw.week_start = :thisWeek
    LEFT JOIN specialist_week nw ON nw.user_id = l.user_id AND nw.week_start = :nextWeek
    WHERE l.permission_expires_on > :today
      AND l.council_id <> :councilId
) r
WHERE r.left_this_week > 0 OR r.left_next_week > 0
ORDER BY CASE WHEN (CASE WHEN :searchNextWeek THEN r.left_next_week ELSE r.left_this_week END) > 0 THEN 0 ELSE 1 END,
         r.overlap DESC,
         CASE WHEN :searchNextWeek THEN r.left_next_week ELSE r.left_this_week END DESC,
         r.last_booked_at ASC NULLS FIRST,
         r.user_id
LIMIT :limit

package org.talentpool.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.talentpool.availability.WeekCapacity;
import org.talentpool.availability.WeeklyCapacity;
import org.talentpool.availability.Weeks;
import org.talentpool.search.ExpertFixture;
import org.talentpool.search.ExpertsEndToEnd;
import org.talentpool.testing.FakeSlack;
import org.talentpool.testing.SlackClient;

/**
 * A hundred members submit the booking modal at the same moment for one specialist's last three hours, an hour
 * each, over signed HTTP: the database lets exactly three through; everyone else gets the field error; nobody is
 * messaged twice.
 */
class BookingConcurrencyTest extends ExpertsEndToEnd {
    private static final int REQUESTERS = 100;

    @Test
    void aHundredSimultaneousSubmissionsNeverOverbook() throws Exception {
        fixture.specialist(JO, "leeds.gov.uk", leeds, "GIS analyst", "Maps.", 3, "GIS");
        List<String> requesters = new ArrayList<>();
        for (int i = 0; i < REQUESTERS; i++) {
            String user = String.format("U0REQ%03d", i);
            requesters.add(user);
            fakeSlack().user(user, "Requester " + i, "requester" + i + "@york.gov.uk");
            // Each opens the modal first, as they would: it also checks their council through Slack.
            SlackClient.Reply book = slack().blockAction(user, BookingBlocks.BOOK, JO + "|" + thisWeek(),
                    "expert-" + JO, "1700000001.000300", "C0GENERAL");
            assertThat(book.status()).isEqualTo(200);
        }
        assertThat(fakeSlack().calls("views.open")).hasSize(REQUESTERS);

        ExecutorService threads = Executors.newFixedThreadPool(REQUESTERS);
        List<SlackClient.Reply> replies = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<SlackClient.Reply>> futures = new ArrayList<>();
            for (String user : requesters) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return slack().viewSubmission(user, BookingModal.REQUEST, "V" + user, JO, SlackClient.values()
                            .select(BookingForm.WEEK, BookingForm.WEEK, thisWeek().toString())
                            .text(BookingForm.HOURS, BookingForm.HOURS, "1")
                            .text(BookingForm.NEED, BookingForm.NEED, "Help from " + user).build());
                }));
            }
            start.countDown();
            for (Future<SlackClient.Reply> future : futures) {
                replies.add(future.get(60, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).isEqualTo(200));
        List<String> winners = new ArrayList<>();
        for (int i = 0; i < REQUESTERS; i++) {
            if ("update".equals(replies.get(i).json().path("response_action").asText())) {
                winners.add(requesters.get(i));
            }
        }
        assertThat(winners).hasSize(3);
        assertThat(replies).filteredOn(reply -> "errors".equals(reply.json().path("response_action").asText()))
                .hasSize(REQUESTERS - 3)
                .allSatisfy(reply -> assertThat(reply.json().path("errors").path(BookingForm.HOURS).asText())
                        .startsWith("No hours are left in the week of " + Weeks.dayMonth(thisWeek()) + " now"));

        WeekCapacity week = new WeeklyCapacity(service.jdbi(), service.clock(), ExpertFixture.LONDON)
                .capacity(JO, thisWeek()).orElseThrow();
        assertThat(week.offeredMinutes()).isEqualTo(180);
        assertThat(week.heldMinutes()).isEqualTo(180);
        assertThat(week.bookedMinutes()).isZero();
        assertThat(count("SELECT COUNT(*) FROM booking")).isEqualTo(3);
        assertThat(count("SELECT COALESCE(SUM(minutes), 0) FROM booking WHERE status = 'requested'")).isEqualTo(180);
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'booking.requested'")).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE method LIKE 'chat.%'")).isEqualTo(6);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                fakeSlack().calls("chat.postMessage")).hasSize(6));
        assertThat(fakeSlack().messagesTo(JO)).hasSize(3);
        assertThat(FakeSlack.texts(fakeSlack().messagesTo(JO))).doesNotHaveDuplicates();
        for (String user : requesters) {
            assertThat(fakeSlack().messagesTo(user)).hasSize(winners.contains(user) ? 1 : 0);
        }
    }
}

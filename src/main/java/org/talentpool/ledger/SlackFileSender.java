package org.talentpool.ledger;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.request.files.FilesCompleteUploadExternalRequest;
import com.slack.api.methods.response.conversations.ConversationsOpenResponse;
import com.slack.api.methods.response.files.FilesCompleteUploadExternalResponse;
import com.slack.api.methods.response.files.FilesGetUploadURLExternalResponse;
import java.io.IOException;
import java.util.List;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Puts a file into a member's DM with the bot the way Slack asks for it: {@code conversations.open} for the DM
 * channel, {@code files.getUploadURLExternal}, the bytes POSTed to the upload URL, then
 * {@code files.completeUploadExternal} sharing it in the DM with the comment.
 */
final class SlackFileSender implements FileSender {
    private final MethodsClient client;
    private final String token;

    SlackFileSender(MethodsClient client, String token) {
        this.client = client;
        this.token = token;
    }

    @Override
    public void sendToUser(String userId, String fileName, String title, byte[] content, String comment)
            throws NotSent {
        try {
            ConversationsOpenResponse dm = client.conversationsOpen(r -> r.token(token).users(List.of(userId)));
            if (!dm.isOk()) {
                throw new NotSent("conversations.open: " + dm.getError());
            }
            FilesGetUploadURLExternalResponse upload = client.filesGetUploadURLExternal(r -> r.token(token)
                    .filename(fileName).length(content.length));
            if (!upload.isOk()) {
                throw new NotSent("files.getUploadURLExternal: " + upload.getError());
            }
            Request post = new Request.Builder().url(upload.getUploadUrl()).post(RequestBody.create(content)).build();
            try (Response response = client.getSlackHttpClient().getOkHttpClient().newCall(post).execute()) {
                if (!response.isSuccessful()) {
                    throw new NotSent("upload: HTTP " + response.code());
                }
            }
            FilesCompleteUploadExternalResponse completed = client.filesCompleteUploadExternal(r -> r.token(token)
                    .files(List.of(FilesCompleteUploadExternalRequest.FileDetails.builder()
                            .id(upload.getFileId()).title(title).build()))
                    .channelId(dm.getChannel().getId())
                    .initialComment(comment));
            if (!completed.isOk()) {
                throw new NotSent("files.completeUploadExternal: " + completed.getError());
            }
        } catch (IOException | SlackApiException e) {
            throw new NotSent(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}

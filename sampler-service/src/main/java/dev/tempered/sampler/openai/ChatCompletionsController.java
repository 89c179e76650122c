package dev.tempered.sampler.openai;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /v1/chat/completions}: OpenAI's chat-completions protocol, non-streaming. */
@RestController
public class ChatCompletionsController {

  private final ChatCompletionService service;

  public ChatCompletionsController(ChatCompletionService service) {
    this.service = service;
  }

  @PostMapping(
      path = "/v1/chat/completions",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ChatCompletion create(@RequestBody Map<String, Object> body) {
    return service.complete(ChatRequestParser.parse(body));
  }
}

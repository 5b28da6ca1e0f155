// The benchmark's ceiling: a bare Javalin app (same version, same response buffer size) whose one
// route answers a constant body. Run: java -cp serving/target/playloop-serving.jar CeilingServer.java PORT
import io.javalin.Javalin;

public class CeilingServer {
  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    Javalin.create(
            c -> {
              c.startup.showJavalinBanner = false;
              c.http.responseBufferSize = 4096;
              c.routes.get("/", ctx -> ctx.contentType("application/json").result("{\"ok\":true}"));
            })
        .start("127.0.0.1", port);
  }
}

package io.costsentry.operator.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's headless Chromium, to look at an HTML report as a browser draws it. Where it is missing
 * the test is skipped with how to install it, unless {@code COSTSENTRY_REQUIRE_CHROMIUM=1} (set by
 * {@code .ci/run}, which installs it) makes that a failure.
 */
final class Chromium {
  static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
  static final String REQUIRE = "COSTSENTRY_REQUIRE_CHROMIUM";

  private Chromium() {}

  /** Skips (or fails, when required) the calling test when Chromium is not installed. */
  static void assumeInstalled() {
    if (Files.isExecutable(EXECUTABLE)) {
      return;
    }
    String how =
        "headless Chromium (" + EXECUTABLE + ") is not installed: apt-get install -y chromium";
    if ("1".equals(System.getenv(REQUIRE))) {
      Assertions.fail(how + " (" + REQUIRE + "=1 requires it)");
    }
    Assumptions.abort(how + " to run this test");
  }

  /** A screenshot of {@code page} in a {@code width} x {@code height} window. */
  static BufferedImage screenshot(Path page, int width, int height)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("costsentry-chromium");
    Path png = dir.resolve("screenshot.png");
    List<String> command =
        List.of(
            EXECUTABLE.toString(),
            "--headless",
            "--no-sandbox", // tests run as root in CI
            "--disable-gpu",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            "--user-data-dir=" + dir.resolve("profile"),
            "--window-size=" + width + "," + height,
            "--screenshot=" + png,
            page.toUri().toString());
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("chromium.log").toFile())
            .start();
    boolean done = process.waitFor(90, TimeUnit.SECONDS);
    if (!done) {
      process.destroyForcibly();
    }
    assertThat(done).as("chromium finished within 90 s").isTrue();
    assertThat(png)
        .as("screenshot written; chromium said: %s", Files.readString(dir.resolve("chromium.log")))
        .exists();
    return ImageIO.read(png.toFile());
  }

  /** Pixels within {@code tolerance} of {@code hex} (e.g. {@code #1f77b4}) inside the rectangle. */
  static int count(BufferedImage image, String hex, int x, int y, int w, int h, int tolerance) {
    int r = Integer.parseInt(hex.substring(1, 3), 16);
    int g = Integer.parseInt(hex.substring(3, 5), 16);
    int b = Integer.parseInt(hex.substring(5, 7), 16);
    int count = 0;
    for (int py = y; py < Math.min(y + h, image.getHeight()); py++) {
      for (int px = x; px < Math.min(x + w, image.getWidth()); px++) {
        int rgb = image.getRGB(px, py);
        if (Math.abs(((rgb >> 16) & 0xff) - r) <= tolerance
            && Math.abs(((rgb >> 8) & 0xff) - g) <= tolerance
            && Math.abs((rgb & 0xff) - b) <= tolerance) {
          count++;
        }
      }
    }
    return count;
  }
}

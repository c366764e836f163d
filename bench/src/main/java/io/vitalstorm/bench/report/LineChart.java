package io.vitalstorm.bench.report;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/** A small line chart drawn with java.awt (headless) into a PNG: enough for scaling and latency curves. */
public final class LineChart {

    /** One line: (x, y) points in x order. */
    public record Series(String name, double[] x, double[] y) {
    }

    private static final int WIDTH = 720;
    private static final int HEIGHT = 420;
    private static final int LEFT = 90;
    private static final int RIGHT = 45;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b)};

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logX;
    private final List<Series> series = new ArrayList<>();
    private DoubleFunction<String> xFormat = v -> String.format("%.0f", v);

    public LineChart(String title, String xLabel, String yLabel, boolean logX) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logX = logX;
    }

    public LineChart add(Series s) {
        series.add(s);
        return this;
    }

    public LineChart xFormat(DoubleFunction<String> format) {
        this.xFormat = format;
        return this;
    }

    public void writePng(Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            draw(g);
        } finally {
            g.dispose();
        }
        ImageIO.write(img, "png", file.toFile());
    }

    private void draw(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        double[] xs = series.stream().flatMapToDouble(s -> java.util.Arrays.stream(s.x())).map(this::tx).toArray();
        double[] ys = series.stream().flatMapToDouble(s -> java.util.Arrays.stream(s.y())).filter(Double::isFinite).toArray();
        double xMin = min(xs);
        double xMax = max(xs);
        if (xMax == xMin) {
            xMax = xMin + 1;
        }
        double yMax = niceCeiling(max(ys));
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, LEFT, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i <= 5; i++) {
            int y = TOP + plotH - i * plotH / 5;
            g.setColor(new Color(0xdddddd));
            g.drawLine(LEFT, y, LEFT + plotW, y);
            g.setColor(Color.BLACK);
            double value = yMax * i / 5;
            String label = value >= 10 || value == 0 ? String.format("%,.0f", value) : String.format("%.2g", value);
            g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 4);
        }
        double[] ticks = series.isEmpty() ? new double[0] : series.get(0).x();
        for (double t : ticks) {
            int x = LEFT + (int) ((tx(t) - xMin) / (xMax - xMin) * plotW);
            g.drawLine(x, TOP + plotH, x, TOP + plotH + 4);
            String label = xFormat.apply(t);
            g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, TOP + plotH + 18);
        }
        g.drawLine(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH);
        g.drawLine(LEFT, TOP, LEFT, TOP + plotH);
        g.drawString(xLabel, LEFT + plotW / 2 - g.getFontMetrics().stringWidth(xLabel) / 2, HEIGHT - 22);
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, -(TOP + plotH / 2 + g.getFontMetrics().stringWidth(yLabel) / 2), 14);
        g.rotate(Math.PI / 2);
        g.setStroke(new BasicStroke(2f));
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            g.setColor(COLORS[i % COLORS.length]);
            int prevX = -1;
            int prevY = -1;
            for (int k = 0; k < s.x().length; k++) {
                if (!Double.isFinite(s.y()[k])) {
                    prevX = -1;
                    continue;
                }
                int x = LEFT + (int) ((tx(s.x()[k]) - xMin) / (xMax - xMin) * plotW);
                int y = TOP + plotH - (int) (s.y()[k] / yMax * plotH);
                g.fillOval(x - 3, y - 3, 7, 7);
                if (prevX >= 0) {
                    g.drawLine(prevX, prevY, x, y);
                }
                prevX = x;
                prevY = y;
            }
            g.fillRect(LEFT + plotW - 170, TOP + 8 + i * 18, 12, 4);
            g.drawString(s.name(), LEFT + plotW - 152, TOP + 14 + i * 18);
        }
    }

    private double tx(double x) {
        return logX ? Math.log10(x) : x;
    }

    /** 1, 2 or 5 times a power of ten, at or above {@code v}. */
    static double niceCeiling(double v) {
        if (!(v > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static double min(double[] v) {
        return java.util.Arrays.stream(v).min().orElse(0);
    }

    private static double max(double[] v) {
        return java.util.Arrays.stream(v).max().orElse(1);
    }
}

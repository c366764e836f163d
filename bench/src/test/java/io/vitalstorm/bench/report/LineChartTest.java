package io.vitalstorm.bench.report;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LineChartTest {

    private static LineChart throughput() {
        double[] patients = {100, 1_000, 10_000};
        return new LineChart("Throughput by ward size", "patients", "records/s", true)
                .add(new LineChart.Series("limit (no Storm)", patients, new double[] {9_000, 8_500, 8_000}))
                .add(new LineChart.Series("topology", patients, new double[] {4_000, Double.NaN, 3_000}))
                .xFormat(v -> String.format("%,.0f", v));
    }

    @Test
    void writesAPngOfTheReportSize(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("scaling.png");
        throughput().writePng(file);
        assertThat(Files.size(file)).isPositive();
        BufferedImage png = ImageIO.read(file.toFile());
        assertThat(png).as("a PNG ImageIO can read").isNotNull();
        assertThat(png.getWidth()).isEqualTo(LineChart.WIDTH).isEqualTo(720);
        assertThat(png.getHeight()).isEqualTo(LineChart.HEIGHT).isEqualTo(420);
        assertThat(System.getProperty("java.awt.headless")).isEqualTo("true");
    }

    @Test
    void chartKeepsTitleAxesSeriesAndGaps() {
        JFreeChart chart = throughput().chart();
        assertThat(chart.getTitle().getText()).isEqualTo("Throughput by ward size");
        XYPlot plot = chart.getXYPlot();
        assertThat(plot.getDomainAxis()).isInstanceOf(LogAxis.class);
        assertThat(plot.getDomainAxis().getLabel()).isEqualTo("patients");
        assertThat(plot.getRangeAxis().getLabel()).isEqualTo("records/s");
        assertThat(plot.getRangeAxis().getLowerBound()).isZero();
        assertThat(plot.getDataset().getSeriesCount()).isEqualTo(2);
        assertThat(plot.getDataset().getSeriesKey(1)).isEqualTo("topology");
        assertThat(plot.getDataset().getY(1, 1)).as("a NaN is a gap, not a point").isNull();
        assertThat(((LogAxis) plot.getDomainAxis()).getNumberFormatOverride().format(10_000.0)).isEqualTo("10,000");
    }

    @Test
    void linearChartStartsItsYAxisAtZero() {
        JFreeChart chart = new LineChart("Latency by offered load", "% of maximum throughput", "ms", false)
                .add(new LineChart.Series("Redis p50", new double[] {25, 50, 100}, new double[] {3, 4, 9}))
                .chart();
        assertThat(chart.getXYPlot().getDomainAxis()).isNotInstanceOf(LogAxis.class);
        assertThat(chart.getXYPlot().getRangeAxis().getLowerBound()).isZero();
        assertThat(chart.getXYPlot().getDomainAxis().getLowerBound()).isGreaterThan(0);
    }
}

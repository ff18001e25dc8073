package com.acme.wallet.devstack;

import java.awt.Color;
import java.io.IOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The charts {@code ./wallet plot} draws, as data, and their rendering into PNG files with
 * JFreeChart, headless (no display is needed or used).
 */
final class Charts {

    /** Every chart's size in pixels: wide enough for the bench's run labels. */
    static final int WIDTH = 1200;
    static final int HEIGHT = 600;
    /** The most points of one line and categories of one bar chart: a chart beyond that is unreadable anyway. */
    static final int MAX_POINTS = 10_000;

    /** Where a logarithmic axis starts, and its bars: values below it are drawn as it. */
    static final double LOG_AXIS_FLOOR = 0.1;

    private Charts() {}

    /** A chart to draw into {@code fileName}: lines over time or grouped bars. */
    sealed interface Chart permits Lines, Bars {
        String fileName();

        String title();
    }

    /**
     * Lines over time.
     *
     * @param fileName the PNG's name, such as {@code metrics-throughput.png}
     * @param title the chart's title
     * @param valueAxis the unit of the values, such as {@code requests/s}
     * @param lines each line's points, {@code {seconds since the first scrape, value}}, by name, in legend order
     */
    record Lines(String fileName, String title, String valueAxis, Map<String, List<double[]>> lines) implements Chart {

        Lines {
            Objects.requireNonNull(fileName, "fileName");
            lines = new LinkedHashMap<>(lines);
            lines.values().forEach(points -> {
                if (points.size() > MAX_POINTS) {
                    throw new IllegalArgumentException("more than " + MAX_POINTS + " points in one line");
                }
            });
        }
    }

    /**
     * Bars, grouped by category.
     *
     * @param fileName the PNG's name
     * @param title the chart's title
     * @param valueAxis the unit of the values
     * @param bars for each category (a bench run), its values by series (such as p50, p99), in order
     * @param logarithmic whether the value axis is logarithmic (from {@link #LOG_AXIS_FLOOR}): latencies
     *     from milliseconds to seconds side by side
     */
    record Bars(String fileName, String title, String valueAxis, Map<String, Map<String, Double>> bars,
            boolean logarithmic) implements Chart {

        Bars {
            Objects.requireNonNull(fileName, "fileName");
            bars = new LinkedHashMap<>(bars);
            if (bars.size() > MAX_POINTS) {
                throw new IllegalArgumentException("more than " + MAX_POINTS + " categories");
            }
        }
    }

    /**
     * Draws a chart into {@code directory/fileName}, replacing a file of that name.
     *
     * @return the file written
     * @throws IOException if it cannot be written
     */
    static Path write(Chart chart, Path directory) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(directory);
        Path file = directory.resolve(chart.fileName());
        JFreeChart drawn = chart instanceof Lines lines ? lines(lines) : bars((Bars) chart);
        drawn.setBackgroundPaint(Color.WHITE);
        drawn.getPlot().setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), drawn, WIDTH, HEIGHT);
        return file;
    }

    private static JFreeChart lines(Lines chart) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        chart.lines().forEach((name, points) -> {
            XYSeries series = new XYSeries(name, false, true);
            points.forEach(point -> series.add(point[0], Double.isFinite(point[1]) ? point[1] : null));
            dataset.addSeries(series);
        });
        JFreeChart drawn = ChartFactory.createXYLineChart(chart.title(), "seconds since the first scrape",
                chart.valueAxis(), dataset, PlotOrientation.VERTICAL, true, false, false);
        drawn.getXYPlot().setRangeGridlinePaint(Color.GRAY);
        drawn.getXYPlot().setDomainGridlinePaint(Color.GRAY);
        return drawn;
    }

    private static JFreeChart bars(Bars chart) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        chart.bars().forEach((category, values) -> values.forEach((series, value) -> dataset.addValue(value, series,
                category)));
        JFreeChart drawn = ChartFactory.createBarChart(chart.title(), null, chart.valueAxis(), dataset,
                PlotOrientation.HORIZONTAL, true, false, false);
        CategoryPlot plot = drawn.getCategoryPlot();
        plot.setRangeGridlinePaint(Color.GRAY);
        if (chart.logarithmic()) {
            double highest = chart.bars().values().stream().flatMap(values -> values.values().stream())
                    .mapToDouble(Double::doubleValue).max().orElse(1);
            LogAxis axis = new LogAxis(chart.valueAxis() + " (logarithmic)");
            axis.setSmallestValue(LOG_AXIS_FLOOR);
            axis.setRange(LOG_AXIS_FLOOR, Math.max(highest, LOG_AXIS_FLOOR) * 2);
            axis.setTickUnit(new NumberTickUnit(1)); // one tick a power of ten
            axis.setNumberFormatOverride(new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT)));
            plot.setRangeAxis(axis);
            ((BarRenderer) plot.getRenderer()).setBase(LOG_AXIS_FLOOR);
        }
        return drawn;
    }
}

package dev.shelfsync.scenarios;

import java.util.List;
import java.util.Locale;

/** A small hand-written SVG step chart: quantity over time, one line per series. */
public final class SvgPlot {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 420;
    private static final int LEFT = 60;
    private static final int RIGHT = 190;
    private static final int TOP = 50;
    private static final int BOTTOM = 50;
    private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2"};

    private SvgPlot() {}

    /** One line: points are (seconds, value) in time order; drawn as steps. */
    public record Series(String name, List<double[]> points, boolean emphasised) {}

    public static String render(String title, String subtitle, List<Series> series) {
        double xMax = 1;
        double yMax = 1;
        for (Series s : series) {
            for (double[] p : s.points()) {
                xMax = Math.max(xMax, p[0]);
                yMax = Math.max(yMax, p[1]);
            }
        }
        yMax = Math.ceil(yMax * 1.1);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                        + " font-family=\"sans-serif\" font-size=\"12\">%n",
                WIDTH,
                HEIGHT,
                WIDTH,
                HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(text(LEFT, 20, 15, "bold", title));
        svg.append(text(LEFT, 38, 11, "normal", subtitle));
        // axes and grid
        for (int i = 0; i <= 5; i++) {
            double value = yMax * i / 5;
            double y = TOP + plotH - plotH * i / 5.0;
            svg.append(line(LEFT, y, LEFT + plotW, y, "#e0e0e0", 1));
            svg.append(text(LEFT - 8, y + 4, 11, "normal", fmt(value), "end"));
        }
        for (int i = 0; i <= 10; i++) {
            double x = LEFT + plotW * i / 10.0;
            svg.append(line(x, TOP, x, TOP + plotH, "#f0f0f0", 1));
            svg.append(text(x, TOP + plotH + 16, 11, "normal", fmt(xMax * i / 10), "middle"));
        }
        svg.append(line(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH, "#333", 1));
        svg.append(line(LEFT, TOP, LEFT, TOP + plotH, "#333", 1));
        svg.append(text(LEFT + plotW / 2.0, HEIGHT - 10, 12, "normal", "seconds since the sale started", "middle"));
        svg.append(text(14, TOP + plotH / 2.0, 12, "normal", "units", "middle"));
        int colour = 0;
        int legendY = TOP + 10;
        for (Series s : series) {
            String stroke = s.emphasised() ? "#000000" : COLORS[colour++ % COLORS.length];
            double width = s.emphasised() ? 2.5 : 1.6;
            StringBuilder path = new StringBuilder();
            double lastY = Double.NaN;
            for (double[] p : s.points()) {
                double x = LEFT + plotW * p[0] / xMax;
                double y = TOP + plotH - plotH * p[1] / yMax;
                if (path.length() == 0) {
                    path.append(String.format(Locale.ROOT, "M%.1f %.1f", x, y));
                } else {
                    path.append(String.format(Locale.ROOT, " L%.1f %.1f L%.1f %.1f", x, lastY, x, y));
                }
                lastY = y;
            }
            if (path.length() > 0) {
                svg.append(String.format(
                        Locale.ROOT,
                        "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\"%s/>%n",
                        path,
                        stroke,
                        width,
                        s.emphasised() ? "" : " stroke-opacity=\"0.85\""));
            }
            svg.append(line(LEFT + plotW + 15, legendY, LEFT + plotW + 40, legendY, stroke, width));
            svg.append(text(LEFT + plotW + 46, legendY + 4, 11, "normal", s.name()));
            legendY += 20;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String line(double x1, double y1, double x2, double y2, String stroke, double width) {
        return String.format(
                Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"/>%n",
                x1,
                y1,
                x2,
                y2,
                stroke,
                width);
    }

    private static String text(double x, double y, int size, String weight, String content) {
        return text(x, y, size, weight, content, "start");
    }

    private static String text(double x, double y, int size, String weight, String content, String anchor) {
        return String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" font-weight=\"%s\" text-anchor=\"%s\">%s</text>%n",
                x,
                y,
                size,
                weight,
                anchor,
                escape(content));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

// Draws each dashboard chart from the ECharts option the page carries (figures stay in the table).
document.addEventListener("DOMContentLoaded", function () {
  if (!window.echarts) return;
  document.querySelectorAll("div.chart").forEach(function (el) {
    var source = document.getElementById(el.id + "-option");
    if (!source) return;
    el.hidden = false;
    var chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption(JSON.parse(source.textContent));
    window.addEventListener("resize", function () { chart.resize(); });
  });
});

/* The funding pages' charts (Chart.js), drawn from the JSON block #funding-chart-data; the same figures are in tables. */
(function () {
  'use strict';

  function draw() {
    var block = document.getElementById('funding-chart-data');
    if (!block || typeof window.Chart === 'undefined') {
      return;
    }
    var data = JSON.parse(block.textContent || '{}');
    var words = data.words || {};
    var money = new Intl.NumberFormat(data.locale || 'en', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
    var days = new Intl.NumberFormat(data.locale || 'en', { maximumFractionDigits: 1 });

    var lead = data.leadTimes;
    var leadCanvas = document.getElementById('chart-lead-times');
    if (lead && leadCanvas && lead.labels.length) {
      new window.Chart(leadCanvas, {
        type: 'bar',
        data: {
          labels: lead.labels,
          datasets: [
            { type: 'bar', label: words.median, data: lead.median, backgroundColor: '#2c6bac' },
            { type: 'bar', label: words.p90, data: lead.p90, backgroundColor: '#9ab8d8' },
            { type: 'line', label: words.serviceLevel, data: lead.serviceLevel, borderColor: '#b3261e', backgroundColor: '#b3261e',
              showLine: false, pointStyle: 'line', pointRadius: 14, pointBorderWidth: 3 }
          ]
        },
        options: {
          indexAxis: 'x', responsive: true, maintainAspectRatio: false, animation: false,
          scales: { y: { beginAtZero: true, title: { display: true, text: words.days } } },
          plugins: { tooltip: { callbacks: { label: function (c) { return c.dataset.label + ': ' + days.format(c.parsed.y); } } } }
        }
      });
    }

    [['chart-funders', data.funders], ['chart-projects', data.projects]].forEach(function (pair) {
      var canvas = document.getElementById(pair[0]);
      var set = pair[1];
      if (!canvas || !set || !set.labels.length) {
        return;
      }
      new window.Chart(canvas, {
        type: 'bar',
        data: {
          labels: set.labels,
          datasets: [
            { label: words.granted, data: set.granted, backgroundColor: '#2c6bac' },
            { label: words.paid, data: set.paid, backgroundColor: '#2e7d32' }
          ]
        },
        options: {
          responsive: true, maintainAspectRatio: false, animation: false,
          scales: { y: { beginAtZero: true, ticks: { callback: function (v) { return money.format(v); } } } },
          plugins: { tooltip: { callbacks: { label: function (c) { return c.dataset.label + ': ' + money.format(c.parsed.y); } } } }
        }
      });
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
})();

// The page of a job: poll its JSON status every second and show progress; no inline script.
document.addEventListener("DOMContentLoaded", function () {
  var box = document.querySelector("[data-job-status]");
  if (!box || !window.fetch) { return; }
  var label = box.querySelector("[data-job-label]");
  var message = box.querySelector("[data-job-message]");
  var bar = box.querySelector("[data-job-progress]");
  var result = box.querySelector("[data-job-result]");
  function poll() {
    fetch(box.getAttribute("data-job-status"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (job) {
        if (!job) { setTimeout(poll, 3000); return; }
        label.textContent = job.label;
        if (job.message) { message.textContent = job.message; }
        bar.value = job.progress;
        bar.textContent = job.progress + "%";
        if (job.result_url) {
          result.hidden = false;
          result.querySelector("a").href = job.result_url;
        }
        if (!job.finished) { setTimeout(poll, 1000); }
        else if (!job.result_url) { window.location.reload(); }  // the outcome (problems, next page) is on the page
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  poll();
});

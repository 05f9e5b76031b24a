// Record uploads, enhanced: drag and drop, one request per file with its own progress bar, and
// a retry button for a file that failed in transit (the others are not sent again).
// Without JavaScript the same form posts all files at once and the page reports each one.
(function () {
  "use strict";

  function csrf(form) {
    const input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function row(list, file) {
    const li = document.createElement("li");
    const name = document.createElement("span");
    name.className = "name";
    name.textContent = file.name;
    const bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute("aria-label", file.name);
    const status = document.createElement("small");
    status.className = "status muted";
    status.textContent = "waiting";
    li.append(name, bar, status);
    list.append(li);
    return { li, bar, status };
  }

  // Resolves when the server has answered (or the connection failed), so files can go one
  // after another: kinder to slow phone connections and to the embedded SQLite database.
  function send(form, file, view) {
    return new Promise(function (resolve) {
      transfer(form, file, view, resolve);
    });
  }

  function transfer(form, file, view, done) {
    const data = new FormData();
    data.append("files", file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("X-CSRFToken", csrf(form));
    view.li.className = "sending";
    view.status.textContent = "sending…";
    xhr.upload.addEventListener("progress", function (event) {
      if (event.lengthComputable) {
        view.bar.value = Math.round((100 * event.loaded) / event.total);
        view.status.textContent = view.bar.value + "%";
      }
    });
    xhr.addEventListener("load", function () {
      let result = null;
      try {
        result = JSON.parse(xhr.responseText).results[0];
      } catch (e) {
        result = null;
      }
      if (xhr.status >= 200 && xhr.status < 300 && result) {
        view.bar.value = 100;
        view.li.className = result.status;
        view.status.textContent = result.message;
        document.body.dispatchEvent(new CustomEvent("vault:uploaded", { bubbles: true }));
      } else {
        failed(form, file, view, "The server did not accept the file (" + xhr.status + ").");
      }
      done();
    });
    xhr.addEventListener("error", function () {
      failed(form, file, view, "The connection was interrupted.");
      done();
    });
    xhr.send(data);
  }

  function failed(form, file, view, message) {
    view.li.className = "failed";
    view.status.textContent = message + " ";
    const retry = document.createElement("button");
    retry.type = "button";
    retry.className = "small";
    retry.textContent = "Retry";
    retry.addEventListener("click", function () {
      retry.remove();
      send(form, file, view);
    });
    view.status.append(retry);
  }

  function start(form, files) {
    const list = form.querySelector("[data-upload-list]");
    const queued = Array.prototype.map.call(files, function (file) {
      return { file: file, view: row(list, file) };
    });
    queued.reduce(function (previous, item) {
      return previous.then(function () { return send(form, item.file, item.view); });
    }, Promise.resolve());
  }

  function enhance(form) {
    if (form.dataset.enhanced) return;
    form.dataset.enhanced = "1";
    const input = form.querySelector("input[type=file]");
    const zone = form.querySelector("[data-dropzone]");
    const button = form.querySelector("button[type=submit]");
    if (button) button.hidden = true; // files go as soon as they are chosen
    input.addEventListener("change", function () {
      start(form, input.files);
      input.value = "";
    });
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        zone.classList.add("over");
      });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function () { zone.classList.remove("over"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files.length) start(form, event.dataTransfer.files);
    });
  }

  function init() {
    document.querySelectorAll("form[data-vault-upload]").forEach(enhance);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
  document.addEventListener("htmx:afterSwap", init);
})();

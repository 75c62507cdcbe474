// Shared behaviour of the workspace forms; every form works without it.
// - Checkbox lists (components/checkbox_list.html): a filter box narrows a long list, and
//   the chosen options are named above it.
// - The error summary (components/form_errors.html) gets the focus after a failed save.
// - The pin of a place (offers/partials/_place_map.html): a Leaflet map that sets the
//   hidden latitude and longitude, with an address look-up.
(function () {
  "use strict";

  function normalise(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLocaleLowerCase();
  }

  function labelOf(choice) {
    const label = choice.querySelector("label");
    return label ? label.textContent.trim() : "";
  }

  function initChoices(list) {
    if (list.dataset.kpReady) {
      return;
    }
    list.dataset.kpReady = "true";
    const choices = Array.from(list.querySelectorAll("[data-kp-choice]"));
    const chosen = list.querySelector("[data-kp-choices-chosen]");
    const separator = document.documentElement.lang === "ar" || document.documentElement.lang === "fa" ? "، " : ", ";

    function showChosen() {
      if (!chosen) {
        return;
      }
      const names = choices
        .filter((choice) => choice.querySelector("input").checked)
        .map(labelOf);
      chosen.textContent = names.length
        ? `${chosen.dataset.prefix} ${names.join(separator)}`
        : chosen.dataset.none;
    }

    list.addEventListener("change", showChosen);
    const tools = list.querySelector("[data-kp-choices-filter]");
    if (!tools) {
      return;
    }
    tools.hidden = false;
    const input = tools.querySelector("input");
    const count = tools.querySelector("[aria-live]");
    const texts = choices.map((choice) => normalise(labelOf(choice)));

    function filter() {
      const wanted = normalise(input.value.trim());
      let shown = 0;
      choices.forEach((choice, index) => {
        const visible = !wanted || texts[index].includes(wanted);
        choice.hidden = !visible;
        shown += visible ? 1 : 0;
      });
      count.textContent = wanted
        ? count.dataset.template
            .replace("%(shown)s", String(shown))
            .replace("%(total)s", String(choices.length))
        : "";
    }

    input.addEventListener("input", filter);
    // Enter in the filter box must not submit the form.
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
      }
    });
  }

  // The pin of a place --------------------------------------------------------------------

  const GERMANY = [51.2, 10.4];

  function field(id) {
    return id ? document.getElementById(id) : null;
  }

  function initPlaceMap(box) {
    if (box.dataset.kpReady || typeof L === "undefined") {
      return;
    }
    box.dataset.kpReady = "true";
    box.hidden = false;
    const latitude = field(box.dataset.latitude);
    const longitude = field(box.dataset.longitude);
    const status = box.querySelector("[data-kp-map-status]");
    const canvas = box.querySelector("[data-kp-map-canvas]");
    canvas.setAttribute("role", "region");
    canvas.setAttribute("aria-label", box.dataset.label);
    const map = L.map(canvas, { zoomControl: false, scrollWheelZoom: false });
    L.control
      .zoom({ zoomInTitle: box.dataset.zoomIn, zoomOutTitle: box.dataset.zoomOut })
      .addTo(map);
    if (box.dataset.tileUrl) {
      L.tileLayer(box.dataset.tileUrl, { maxZoom: 18, attribution: box.dataset.attribution }).addTo(
        map
      );
    }
    let marker = null;

    function setPin(lat, lng, message) {
      const point = L.latLng(lat, lng);
      if (marker) {
        marker.setLatLng(point);
      } else {
        marker = L.marker(point, {
          draggable: true,
          keyboard: false,
          title: box.dataset.pinTitle,
          alt: box.dataset.pinTitle,
        }).addTo(map);
        marker.on("dragend", () => {
          const moved = marker.getLatLng();
          store(moved.lat, moved.lng);
        });
      }
      store(lat, lng);
      if (message) {
        status.textContent = message;
      }
    }

    function store(lat, lng) {
      latitude.value = Number(lat).toFixed(5);
      longitude.value = Number(lng).toFixed(5);
    }

    const lat = parseFloat((latitude.value || "").replace(",", "."));
    const lng = parseFloat((longitude.value || "").replace(",", "."));
    if (Number.isFinite(lat) && Number.isFinite(lng)) {
      map.setView([lat, lng], 15);
      setPin(lat, lng);
    } else {
      map.setView(GERMANY, 5);
    }
    map.on("click", (event) => setPin(event.latlng.lat, event.latlng.lng, box.dataset.pinSet));
    box.querySelector("[data-kp-map-centre]").addEventListener("click", () => {
      const centre = map.getCenter();
      setPin(centre.lat, centre.lng, box.dataset.pinSet);
    });
    box.querySelector("[data-kp-map-lookup]").addEventListener("click", () => {
      const params = new URLSearchParams();
      for (const [name, key] of [
        ["street", "street"],
        ["postal_code", "postalCode"],
        ["city", "city"],
        ["municipality", "municipality"],
      ]) {
        const input = field(box.dataset[key]);
        params.set(name, input ? input.value : "");
      }
      fetch(`${box.dataset.lookupUrl}?${params}`, { headers: { Accept: "application/json" } })
        .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
        .then((answer) => {
          if (answer.latitude === null || answer.longitude === null) {
            status.textContent = box.dataset.failed;
            return;
          }
          const point = [parseFloat(answer.latitude), parseFloat(answer.longitude)];
          map.setView(point, answer.found ? 16 : 13);
          setPin(point[0], point[1], answer.found ? box.dataset.found : box.dataset.notFound);
        })
        .catch(() => {
          status.textContent = box.dataset.failed;
        });
    });
  }

  function initAll(root) {
    root.querySelectorAll("[data-kp-choices]").forEach(initChoices);
    root.querySelectorAll("[data-kp-place-map]").forEach(initPlaceMap);
  }

  document.addEventListener("DOMContentLoaded", () => {
    initAll(document);
    // After a failed save, start at the error summary: it lists and links every mistake.
    const summary = document.getElementById("form-errors");
    if (summary && !document.querySelector("[autofocus]")) {
      summary.focus();
    }
  });
  // A row added with htmx ("Add a place") brings its own map.
  document.addEventListener("htmx:load", (event) => initAll(event.detail.elt.parentNode || document));
})();

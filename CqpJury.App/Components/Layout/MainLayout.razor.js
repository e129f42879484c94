// Main layout (MainLayout.razor): the menu drawer and the "Secrétariat" group open and close here, in the
// browser, so that the server keeps no component, state or JS interop for them per circuit (CqpJury.App/Performance/README.md).
// Blazor renders these elements with constant attributes and never rewrites them; the listeners are
// delegated from the document, so they survive the re-render when the circuit attaches.
// The page's title once the page is interactive (AppTitle.razor): App.razor's HeadOutlet is static.
window.cqpJurySetTitle = title => {
    document.title = title;
};

const narrowScreen = window.matchMedia("(max-width: 959px)"); // MudBlazor's "md" breakpoint

function parts() {
    return {
        layout: document.querySelector("[data-cqp-layout]"),
        drawer: document.getElementById("cqp-drawer"),
        overlay: document.getElementById("cqp-drawer-overlay"),
        toggle: document.querySelector("[data-cqp-drawer-toggle]"),
    };
}

// Server-rendered state: "open" + "initial", which MudBlazor's CSS shows on wide screens and hides on narrow ones.
function drawerIsOpen(drawer) {
    return drawer.classList.contains("mud-drawer--open")
        && !(narrowScreen.matches && drawer.classList.contains("mud-drawer--initial"));
}

function setDrawer(open) {
    const { layout, drawer, overlay, toggle } = parts();
    if (!layout || !drawer) {
        return;
    }

    drawer.classList.remove("mud-drawer--initial");
    drawer.classList.toggle("mud-drawer--open", open);
    drawer.classList.toggle("mud-drawer--closed", !open);
    layout.classList.toggle("mud-drawer-open-responsive-md-left", open);
    layout.classList.toggle("mud-drawer-close-responsive-md-left", !open);
    overlay?.classList.toggle("mud-drawer-overlay--open", open && narrowScreen.matches);
    toggle?.setAttribute("aria-expanded", open ? "true" : "false");
}

// Back to the server-rendered state when the screen crosses the breakpoint (MudDrawer does the same).
function resetDrawer() {
    const { layout, drawer, overlay, toggle } = parts();
    if (!layout || !drawer) {
        return;
    }

    drawer.classList.add("mud-drawer--open", "mud-drawer--initial");
    drawer.classList.remove("mud-drawer--closed");
    layout.classList.add("mud-drawer-open-responsive-md-left");
    layout.classList.remove("mud-drawer-close-responsive-md-left");
    overlay?.classList.remove("mud-drawer-overlay--open");
    toggle?.removeAttribute("aria-expanded");
}

function toggleGroup(button) {
    const expanded = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", expanded ? "true" : "false");
    button.classList.toggle("mud-expanded", expanded);
    button.querySelector(".mud-nav-link-expand-icon")?.classList.toggle("mud-transform", expanded);
    const panel = button.nextElementSibling;
    if (panel) {
        panel.classList.toggle("mud-collapse-entered", expanded);
        panel.classList.toggle("mud-collapse-hidden", !expanded); // hidden links are not focusable either
        panel.setAttribute("aria-hidden", expanded ? "false" : "true");
    }
}

document.addEventListener("click", event => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) {
        return;
    }

    const { drawer } = parts();
    if (drawer && target.closest("[data-cqp-drawer-toggle]")) {
        setDrawer(!drawerIsOpen(drawer));
    } else if (target.closest("[data-cqp-drawer-overlay]")) {
        setDrawer(false);
    } else if (target.closest("[data-cqp-navgroup-toggle]")) {
        toggleGroup(target.closest("[data-cqp-navgroup-toggle]"));
    } else if (drawer && narrowScreen.matches && drawerIsOpen(drawer) && target.closest("#cqp-drawer a[href]")) {
        setDrawer(false); // on a narrow screen the drawer covers the page: close it once a page is chosen
    }
});

// Escape closes the drawer where it covers the page, and gives the focus back to the menu button.
document.addEventListener("keydown", event => {
    const { drawer, toggle } = parts();
    if (event.key === "Escape" && drawer && narrowScreen.matches && drawerIsOpen(drawer)) {
        setDrawer(false);
        toggle?.focus();
    }
});

narrowScreen.addEventListener("change", resetDrawer);

package dev.shelfsync.console.signin;

/** A screen the person's roles do not cover; shown as a page that says which roles it wants. */
public class ScreenNotForYou extends RuntimeException {

    public ScreenNotForYou(String screen, String roles) {
        super("The " + screen + " screen is for " + roles + ".");
    }
}

package com.acme.wallet.application.port.in;

/** What a read of a page of history found. */
public sealed interface HistoryAnswer permits HistoryPage, InvalidCursor, NotInHistory {}
